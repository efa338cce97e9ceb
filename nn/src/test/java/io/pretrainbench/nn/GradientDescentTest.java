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
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class GradientDescentTest {
    private static final float[] START = {1f, -2f, 0.5f};
    private static final float[] TARGET = {0f, 1f, 3f};

    @Test
    void stepsFollowTheGradientDescentUpdateWrittenOut() {
        assertThat(train(5, 0.1f, 0)).containsExactly(expected(5, 0.1, 0), within(1e-6f));
    }

    @Test
    void weightDecayAddsLambdaTimesTheWeightToTheGradient() {
        assertThat(train(5, 0.1f, 0.5)).containsExactly(expected(5, 0.1, 0.5), within(1e-6f));
    }

    @Test
    void groupsGetTheirOwnLearningRatesFromOneBackwardPass() {
        // loss ½(a·b − 1)²: each group's gradient reads the other's weight, so both must see the weights before the
        // step
        Compute compute = Compute.cpu(2);
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, compute)) {
            Ops tf = Sessions.ops(graph, compute);
            Variable<TFloat32> a = tf.variable(tf.constant(2f));
            Variable<TFloat32> b = tf.variable(tf.constant(3f));
            Operand<TFloat32> loss =
                    tf.math.mul(tf.constant(0.5f), tf.math.square(tf.math.sub(tf.math.mul(a, b), tf.constant(1f))));
            List<GradientDescent> both =
                    GradientDescent.minimizeGroups(tf, loss, List.of(List.of(a), List.of(b)), List.of(), 0);
            session.initialize();
            try (TFloat32 lrA = TFloat32.scalarOf(0.1f);
                    TFloat32 lrB = TFloat32.scalarOf(0.01f);
                    Result r = session.runner()
                            .feed(both.get(0).learningRate(), lrA)
                            .feed(both.get(1).learningRate(), lrB)
                            .addTarget(both.get(0).update())
                            .addTarget(both.get(1).update())
                            .run();
                    Result after = session.runner().fetch(a).fetch(b).run()) {
                // residual a·b − 1 = 5: ∂/∂a = 5·b = 15, ∂/∂b = 5·a = 10
                assertThat(Sessions.scalar(after.get(0))).isCloseTo(2f - 0.1f * 15f, within(1e-6f));
                assertThat(Sessions.scalar(after.get(1))).isCloseTo(3f - 0.01f * 10f, within(1e-6f));
            }
        }
    }

    /** Minimises ½‖w − target‖² from START with {@link GradientDescent}; decay applies to w. */
    private static float[] train(int steps, float rate, double decay) {
        Compute compute = Compute.cpu(2);
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, compute)) {
            Ops tf = Sessions.ops(graph, compute);
            Variable<TFloat32> w = tf.variable(tf.constant(START));
            Operand<TFloat32> loss = tf.nn.l2Loss(tf.math.sub(w, tf.constant(TARGET)));
            GradientDescent sgd = GradientDescent.minimize(tf, loss, List.of(w), List.of(w), decay);
            session.initialize();
            for (int i = 0; i < steps; i++) {
                try (TFloat32 lr = TFloat32.scalarOf(rate);
                        Result r = session.runner()
                                .feed(sgd.learningRate(), lr)
                                .addTarget(sgd.update())
                                .fetch(loss)
                                .run()) {
                    assertThat(Float.isFinite(Sessions.scalar(r.get(0)))).isTrue();
                }
            }
            try (Result r = session.runner().fetch(w).run()) {
                return Sessions.toWeight((TFloat32) r.get(0)).values();
            }
        }
    }

    /** w ← w − lr·((w − target) + λ·w). */
    private static float[] expected(int steps, double lr, double decay) {
        float[] w = START.clone();
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (w[i] - lr * ((w[i] - TARGET[i]) + decay * w[i]));
            }
        }
        return w;
    }
}
