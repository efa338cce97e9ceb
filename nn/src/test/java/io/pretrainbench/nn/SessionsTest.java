package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.proto.StepStats;
import org.tensorflow.types.TFloat32;

class SessionsTest {
    @Test
    void opsArePlacedOnTheCellsDeviceAndRunThere() {
        Compute compute = Compute.cpu(2);
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, compute)) {
            Ops tf = Sessions.ops(graph, compute);
            var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
            assertThat(((GraphOperation) sum.op()).device()).isEqualToIgnoringCase("/device:CPU:0");
            try (Result r = session.runner().fetch(sum).run()) {
                assertThat(Sessions.scalar(r.get(0))).isEqualTo(3f);
            }
        }
    }

    /**
     * Placement of a real model: a ViT encoder's forward pass, its loss, the backward pass and the AdamW update, built
     * with {@link Sessions#ops}, ask for the cell's device on every node but the gradients, and one training step run
     * through {@link Sessions#open} executes every node there (TensorFlow's step statistics name the device that ran
     * each). Only a CPU exists here; the same path with {@code /gpu:N} is what {@code bin/gpu-check} runs on a GPU.
     */
    @Test
    void aVitTrainingStepIsPlacedAndRunsEntirelyOnTheCellsDevice() {
        Compute compute = Compute.cpu(1);
        VitEncoder encoder = VitEncoder.initialise(new VitEncoder.Config(new int[] {8, 8, 1}, 4, 16, 1, 2, 2), 3);
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, compute)) {
            Ops tf = Sessions.ops(graph, compute);
            Placeholder<TFloat32> images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 8, 1)));
            EncoderGraph forward = encoder.build(tf, images, EncoderMode.TRAINABLE);
            Operand<TFloat32> loss = tf.math.mean(tf.math.square(forward.features()), tf.constant(new int[] {0, 1}));
            List<Variable<TFloat32>> variables = List.copyOf(forward.variables().values());
            Adam adam = Adam.minimize(tf, loss, variables, variables, 0.05);

            // The gradient ops come from TensorFlow's C API, which ignores the Java device scope: they ask for no
            // device
            // and go where the placer puts them (on a GPU machine, its first GPU). Hence one GPU per worker process.
            List<String> requested = new ArrayList<>();
            graph.operations().forEachRemaining(op -> {
                if (!op.name().startsWith("Gradients/")) {
                    requested.add(((GraphOperation) op).device());
                }
            });
            assertThat(requested).hasSizeGreaterThan(100).allSatisfy(d -> assertThat(d)
                    .isEqualToIgnoringCase("/device:CPU:0"));

            session.initialize();
            RunOptions traced = RunOptions.newBuilder()
                    .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE)
                    .build();
            try (TFloat32 x = Sessions.floats(new float[2 * 64], 2, 8, 8, 1);
                    TFloat32 lr = TFloat32.scalarOf(1e-3f);
                    Result r = session.runner()
                            .feed(images, x)
                            .feed(adam.learningRate(), lr)
                            .addTarget(adam.update())
                            .fetch(loss)
                            .setOptions(traced)
                            .runAndFetchMetadata()) {
                StepStats stats = r.getMetadata().orElseThrow().getStepStats();
                assertThat(stats.getDevStatsList())
                        .extracting(DeviceStepStats::getDevice)
                        .containsExactly("/job:localhost/replica:0/task:0/device:CPU:0");
                assertThat(stats.getDevStats(0).getNodeStatsCount()).isGreaterThan(100);
            }
        }
    }

    @Test
    void variablesAreReadBackUnderTheirNames() {
        Compute compute = Compute.cpu(1);
        WeightTensor kernel = new WeightTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        WeightTensor bias = new WeightTensor(new long[] {3}, new float[] {-1, 0, 1});
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, compute)) {
            Ops tf = Sessions.ops(graph, compute);
            Variable<TFloat32> k = tf.variable(Layers.constant(tf, kernel));
            Variable<TFloat32> b = tf.variable(Layers.constant(tf, bias));
            session.initialize();
            assertThat(Sessions.read(session, Map.of("dense/kernel", k, "dense/bias", b)))
                    .isEqualTo(new Weights(Map.of("dense/kernel", kernel, "dense/bias", bias)));
        }
    }

    @Test
    void tensorsAreFedFromThePrefixOfAReusedBuffer() {
        float[] buffer = {1, 2, 3, 4, 5, 6, 7, 8};
        try (TFloat32 t = Sessions.floats(buffer, 2, 2)) {
            assertThat(Sessions.toWeight(t).values()).containsExactly(1, 2, 3, 4);
        }
    }
}
