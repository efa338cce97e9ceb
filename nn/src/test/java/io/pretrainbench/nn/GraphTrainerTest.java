package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.Compute;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class GraphTrainerTest {
    private static final float[] START = {1f, -2f, 0.5f};
    private static final float[] TARGET = {0f, 1f, 3f};

    @Test
    void aStepFeedsItsInputsAndReportsTheLossBeforeTheUpdate() {
        try (GraphTrainer trainer = new GraphTrainer(Compute.cpu(1))) {
            Ops tf = trainer.tf();
            Placeholder<TFloat32> target = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3)));
            Variable<TFloat32> w = tf.withName("w").variable(tf.constant(START));
            Operand<TFloat32> loss = tf.nn.l2Loss(tf.math.sub(w, target));
            trainer.minimize(loss, List.of(w));

            float first = trainer.step().floats(target, TARGET, 3).run(0.1f);
            float last = first;
            for (int i = 0; i < 200; i++) {
                last = trainer.step().floats(target, TARGET, 3).run(0.1f);
            }

            assertThat(first).isCloseTo(0.5f * (1 + 9 + 6.25f), within(1e-6f)); // ½‖START − TARGET‖²
            assertThat(last).isLessThan(first / 100);
            assertThat(trainer.read(Map.of("w", w)).get("w").values()).containsExactly(TARGET, within(0.1f));
        }
    }

    @Test
    void extraTargetsAndIntegerFeedsRunWithTheStep() {
        try (GraphTrainer trainer = new GraphTrainer(Compute.cpu(1))) {
            Ops tf = trainer.tf();
            Placeholder<TInt32> index = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(1)));
            Variable<TFloat32> w = tf.variable(tf.constant(START));
            Variable<TFloat32> seen = tf.variable(tf.constant(new float[] {0f}));
            Operand<TFloat32> picked = tf.gather(w, index, tf.constant(0));
            trainer.minimize(tf.sum(tf.math.square(picked), tf.constant(0)), List.of(w));

            float loss = trainer.step()
                    .ints(index, new int[] {1}, 1)
                    .alsoRun(tf.assignAdd(seen, tf.constant(new float[] {1f})))
                    .run(0.1f);

            assertThat(loss).isEqualTo(4f); // (−2)²
            assertThat(trainer.read(Map.of("seen", seen)).get("seen").values()).containsExactly(1f);
        }
    }

    @Test
    void stepsNeedTheOptimiserAndOnlyOne() {
        try (GraphTrainer trainer = new GraphTrainer(Compute.cpu(1))) {
            Ops tf = trainer.tf();
            Variable<TFloat32> w = tf.variable(tf.constant(START));
            Operand<TFloat32> loss = tf.nn.l2Loss(w);
            assertThatThrownBy(trainer::step)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call minimize before the first step");
            trainer.minimize(loss, List.of(w));
            assertThatThrownBy(() -> trainer.minimize(loss, List.of(w)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("minimize was already called");
        }
    }
}
