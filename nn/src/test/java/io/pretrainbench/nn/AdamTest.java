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

class AdamTest {
    private static final float[] START = {1f, -2f, 0.5f};
    private static final float[] TARGET = {0f, 1f, 3f};

    @Test
    void stepsFollowTheAdamUpdateWrittenOut() {
        assertThat(train(5, 0.1f, 0)).containsExactly(expected(5, 0.1, 0), within(1e-5f));
    }

    @Test
    void decoupledWeightDecayShrinksTheDecayedWeightsBeforeEachUpdate() {
        assertThat(train(5, 0.1f, 0.5)).containsExactly(expected(5, 0.1, 0.5), within(1e-5f));
    }

    @Test
    void identicalTrainingsGiveBitIdenticalWeights() {
        assertThat(train(20, 0.05f, 0.1)).isEqualTo(train(20, 0.05f, 0.1));
    }

    @Test
    void warmupRisesLinearlyThenCosineDecaysToZero() {
        assertThat(Adam.warmupCosine(1.0, 0, 4, 14)).isEqualTo(0.25f);
        assertThat(Adam.warmupCosine(1.0, 3, 4, 14)).isEqualTo(1f);
        assertThat((double) Adam.warmupCosine(1.0, 9, 4, 14)).isCloseTo(0.5, within(1e-6));
        assertThat((double) Adam.warmupCosine(1.0, 14, 4, 14)).isCloseTo(0, within(1e-6));
    }

    /** Minimises ½‖w − target‖² from START with {@link Adam}; decay applies to w. */
    private static float[] train(int steps, float rate, double decay) {
        Compute compute = Compute.cpu(2);
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, compute)) {
            Ops tf = Sessions.ops(graph, compute);
            Variable<TFloat32> w = tf.variable(tf.constant(START));
            Operand<TFloat32> loss = tf.nn.l2Loss(tf.math.sub(w, tf.constant(TARGET)));
            Adam adam = Adam.minimize(tf, loss, List.of(w), List.of(w), decay);
            session.initialize();
            for (int i = 0; i < steps; i++) {
                try (TFloat32 lr = TFloat32.scalarOf(rate);
                        Result r = session.runner()
                                .feed(adam.learningRate(), lr)
                                .addTarget(adam.update())
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

    /** TensorFlow's ApplyAdam: lr_t = lr·√(1−β₂ᵗ)/(1−β₁ᵗ), w −= lr_t·m/(√v + ε); decay before it: w −= lr·λ·w. */
    private static float[] expected(int steps, double lr, double decay) {
        double b1 = 0.9;
        double b2 = 0.999;
        double[] w = new double[START.length];
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = START[i];
        }
        for (int t = 1; t <= steps; t++) {
            double lrT = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
            for (int i = 0; i < w.length; i++) {
                double g = w[i] - TARGET[i]; // gradient at the weights before this step
                w[i] -= lr * decay * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                w[i] -= lrT * m[i] / (Math.sqrt(v[i]) + 1e-8);
            }
        }
        float[] out = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = (float) w[i];
        }
        return out;
    }
}
