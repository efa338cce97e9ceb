package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.EncoderStateCodec;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The contract of a {@link PretrainingMethod}, on 256 synthetic 28×28 images: the encoder fits the corpus shape and
 * outputs {@code [batch, featureDim]} for any batch size; FROZEN mode makes no variables and TRAINABLE mode names them
 * as in {@link Encoder#state()}; the same seed gives identical features; save → {@link EncoderStateCodec} → restore
 * gives bit-identical features; an already-cancelled run throws {@link CancellationException}.
 */
public abstract class PretrainingMethodContract<T extends PretrainingMethod> extends PluginContract<T> {
    private static final Compute COMPUTE = Compute.cpu(1);
    private static final Map<Class<?>, Encoder> INSPECTED = new ConcurrentHashMap<>();

    /** The corpus to pre-train on; by default 256 synthetic 28×28 images. */
    protected Examples corpus() {
        return TckData.images(256, 4, 11).withoutLabels();
    }

    /**
     * Whether the method trains (and must therefore honour cancellation); {@code scratch}-like methods return false.
     */
    protected boolean trains() {
        return true;
    }

    protected final Encoder pretrain(long seed, Cancellation cancellation) {
        return instance()
                .pretrain(PretrainingContext.builder()
                        .corpus(corpus())
                        .params(parameters())
                        .seed(seed)
                        .compute(COMPUTE)
                        .cancellation(cancellation)
                        .build());
    }

    /**
     * The encoder the kit inspects (seed 1, never cancelled), pre-trained once per test class and shared by the checks
     * that only read it: pre-training is the slow part of the kit. Encoders are immutable, so sharing is safe; the
     * determinism and cancellation checks pre-train afresh.
     */
    protected final Encoder inspected() {
        return INSPECTED.computeIfAbsent(getClass(), c -> pretrain(1, Cancellation.NEVER));
    }

    protected final FeatureMatrix features(Encoder encoder) {
        return EncoderFeatures.compute(encoder, TckData.images(32, 4, 5), COMPUTE, 16);
    }

    @Test
    void producesAnEncoderForTheCorpusShape() {
        Encoder encoder = inspected();
        assertThat(encoder.inputShape()).isEqualTo(corpus().shape());
        assertThat(encoder.featureDim()).isPositive();
        FeatureMatrix f = features(encoder);
        assertThat(f.rows()).isEqualTo(32);
        assertThat(f.columns()).isEqualTo(encoder.featureDim());
        for (float v : f.values()) {
            if (!Float.isFinite(v)) {
                throw new AssertionError("the encoder computes a non-finite feature: " + v);
            }
        }
    }

    @Test
    void frozenForwardPassOutputsBatchByFeatureDim() {
        Encoder encoder = inspected();
        int batch = 5;
        Examples examples = TckData.images(batch, 4, 6);
        long[] shape = LongStream.concat(
                        LongStream.of(batch), Arrays.stream(examples.shape()).asLongStream())
                .toArray();
        float[] values = new float[batch * examples.exampleSize()];
        for (int i = 0; i < batch; i++) {
            examples.copyRow(i, values, i * examples.exampleSize());
        }
        try (Graph graph = new Graph();
                Session session = new Session(graph, EncoderFeatures.sessionConfig(COMPUTE))) {
            Ops tf = Ops.create(graph);
            // Unknown batch size in the placeholder: the encoder must accept any batch, as the host feeds several.
            long[] placeholderShape = shape.clone();
            placeholderShape[0] = -1;
            Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(placeholderShape)));
            EncoderGraph forward = encoder.build(tf, input, EncoderMode.FROZEN);
            assertThat(forward.variables())
                    .as("FROZEN mode creates no variables")
                    .isEmpty();
            try (TFloat32 x = TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(values, true, false));
                    Result result = session.runner()
                            .feed(input, x)
                            .fetch(forward.features())
                            .run()) {
                assertThat(result.get(0).shape().asArray())
                        .as("shape of the features")
                        .containsExactly(batch, encoder.featureDim());
            }
        }
    }

    @Test
    void trainableForwardPassExposesTheStateWeightsAsVariables() {
        Encoder encoder = inspected();
        var weights = encoder.state().weights().tensors();
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            long[] shape = LongStream.concat(
                            LongStream.of(-1),
                            Arrays.stream(encoder.inputShape()).asLongStream())
                    .toArray();
            EncoderGraph forward = encoder.build(
                    tf, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape))), EncoderMode.TRAINABLE);
            // Fine-tuning protocols read variables back by these names into withWeights(...).
            assertThat(weights.keySet())
                    .as("weight names in state()")
                    .containsAll(forward.variables().keySet());
            forward.variables()
                    .forEach((name, variable) -> assertThat(variable.shape().asArray())
                            .as("shape of variable '%s'", name)
                            .containsExactly(weights.get(name).shape()));
        }
    }

    @Test
    void withWeightsOfItsOwnStateComputesTheSameFeatures() {
        Encoder encoder = inspected();
        assertThat(features(encoder.withWeights(encoder.state().weights())).values())
                .as("features of encoder.withWeights(encoder.state().weights())")
                .isEqualTo(features(encoder).values());
    }

    @Test
    void isDeterministicForAFixedSeed() {
        assertThat(features(pretrain(3, Cancellation.NEVER)).values())
                .as("features of a second encoder pre-trained with the same seed, parameters and corpus")
                .isEqualTo(features(pretrain(3, Cancellation.NEVER)).values());
    }

    @Test
    void savedAndRestoredEncodersComputeBitIdenticalFeatures() throws Exception {
        Encoder encoder = inspected();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EncoderStateCodec.write(encoder.state(), bytes);
        EncoderState read = EncoderStateCodec.read(new ByteArrayInputStream(bytes.toByteArray()));
        Encoder restored = instance().restore(read);

        assertThat(restored.featureDim()).isEqualTo(encoder.featureDim());
        assertThat(features(restored).values())
                .as("features of the restored encoder, bit for bit")
                .isEqualTo(features(encoder).values());
    }

    @Test
    void honoursCancellation() {
        if (!trains()) {
            return;
        }
        assertThat(catchThrowable(() -> pretrain(1, () -> true)))
                .as("pretrain with an already-cancelled Cancellation must throw CancellationException")
                .isNotNull()
                .isInstanceOf(CancellationException.class);
    }

    @Override
    protected final Class<T> kind() {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) PretrainingMethod.class;
        return type;
    }
}
