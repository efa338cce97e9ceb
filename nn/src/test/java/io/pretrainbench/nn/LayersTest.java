package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.Compute;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class LayersTest {
    private static final Compute COMPUTE = Compute.cpu(1);

    @Test
    void softmaxCrossEntropyIsTheMeanNegativeLogLikelihoodAndStableForLargeLogits() {
        float[] logits = {1, 2, 3, 0, 0, 0, 1000, -1000, 0};
        int[] labels = {2, 1, 0};
        double expected = (java.util.stream.IntStream.range(0, 3)
                        .mapToDouble(i -> nll(logits, i, labels[i]))
                        .sum())
                / 3;
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, COMPUTE)) {
            Ops tf = Sessions.ops(graph, COMPUTE);
            Operand<TFloat32> loss = Layers.softmaxCrossEntropy(
                    tf, tf.constant(new float[][] {{1, 2, 3}, {0, 0, 0}, {1000, -1000, 0}}), tf.constant(labels), 3);
            try (Result r = session.runner().fetch(loss).run()) {
                assertThat((double) Sessions.scalar(r.get(0))).isCloseTo(expected, within(1e-5));
            }
        }
    }

    @Test
    void softmaxCrossEntropyHasTheGradientSoftmaxMinusOneHot() {
        // The reason the loss is built from elementary ops: its gradient must exist in TensorFlow's C++ API.
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, COMPUTE)) {
            Ops tf = Sessions.ops(graph, COMPUTE);
            Variable<TFloat32> z = tf.variable(tf.constant(new float[][] {{1, 2, 3}}));
            Operand<TFloat32> loss = Layers.softmaxCrossEntropy(tf, z, tf.constant(new int[] {0}), 3);
            Gradients g = tf.gradients(loss, List.of(z));
            session.initialize();
            try (Result r = session.runner().fetch(g.dy(0)).run()) {
                float[] grad = Sessions.toWeight((TFloat32) r.get(0)).values();
                double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
                assertThat((double) grad[0]).isCloseTo(Math.exp(1) / sum - 1, within(1e-6));
                assertThat((double) grad[1]).isCloseTo(Math.exp(2) / sum, within(1e-6));
                assertThat((double) grad[2]).isCloseTo(Math.exp(3) / sum, within(1e-6));
            }
        }
    }

    @Test
    void denseAndFlattenComputeXKernelPlusBiasPerRow() {
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, COMPUTE)) {
            Ops tf = Sessions.ops(graph, COMPUTE);
            Operand<TFloat32> x = Layers.flatten(tf, tf.constant(new float[][][] {{{1, 2}}, {{3, 4}}}), 2);
            Operand<TFloat32> y = Layers.dense(
                    tf, x, tf.constant(new float[][] {{1, 0, 2}, {0, 1, 3}}), tf.constant(new float[] {10, 20, 30}));
            try (Result r = session.runner().fetch(y).run()) {
                var out = Sessions.toWeight((TFloat32) r.get(0));
                assertThat(out.shape()).containsExactly(2, 3);
                assertThat(out.values()).containsExactly(11, 22, 38, 13, 24, 48);
            }
        }
    }

    private static double nll(float[] logits, int row, int label) {
        double max = Math.max(logits[row * 3], Math.max(logits[row * 3 + 1], logits[row * 3 + 2]));
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            sum += Math.exp(logits[row * 3 + k] - max);
        }
        return Math.log(sum) + max - logits[row * 3 + label];
    }
}
