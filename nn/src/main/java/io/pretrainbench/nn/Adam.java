package io.pretrainbench.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Adam (Kingma & Ba) with optional decoupled weight decay (AdamW, Loshchilov & Hutter), built from TensorFlow's
 * {@code ApplyAdam} kernel.
 *
 * <p>Why not tensorflow-framework's {@code Adam}: in 1.0.0 its runs are not reproducible — the third of three identical
 * trainings in one JVM diverged from the first two after one step (measured). Graph-mode variables are updated in
 * place, so an update must wait until every read of every weight in the step is done; this class makes all updates
 * depend on the loss and all gradients. The moment slots are explicit zero-initialised variables, and the learning rate
 * is a placeholder fed every step, so schedules (warm-up, cosine decay) live in Java.
 */
public final class Adam implements Optimizer {
    private final Placeholder<TFloat32> learningRate;
    private final Op update;
    private final List<Op> computed;

    private Adam(Placeholder<TFloat32> learningRate, Op update, List<Op> computed) {
        this.learningRate = learningRate;
        this.update = update;
        this.computed = List.copyOf(computed);
    }

    /**
     * Adds the update of {@code variables} that descends {@code loss} to the graph.
     *
     * @param decayed the variables that get decoupled weight decay (usually kernels, not biases or norms)
     * @param weightDecay decoupled decay: each step also subtracts {@code lr · weightDecay · w} from those (0 = Adam)
     */
    public static Adam minimize(
            Ops tf,
            Operand<TFloat32> loss,
            List<Variable<TFloat32>> variables,
            java.util.Collection<Variable<TFloat32>> decayed,
            double weightDecay) {
        return minimize(tf, loss, variables, decayed, weightDecay, List.of());
    }

    /**
     * As {@link #minimize(Ops, Operand, List, java.util.Collection, double)}, with the updates also waiting for
     * {@code alsoAfter}: pass another optimiser's {@link #computed()} when its backward pass reads these variables (an
     * encoder's gradient reads the head's kernel), or a late read there sees this step's update.
     */
    public static Adam minimize(
            Ops tf,
            Operand<TFloat32> loss,
            List<Variable<TFloat32>> variables,
            java.util.Collection<Variable<TFloat32>> decayed,
            double weightDecay,
            java.util.Collection<Op> alsoAfter) {
        float beta1 = 0.9f;
        float beta2 = 0.999f;
        Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class);
        BackwardPass pass = BackwardPass.of(tf, loss, variables);
        List<Operand<TFloat32>> grads = pass.gradients();
        List<Op> computed = pass.computed();
        List<Op> waits = new ArrayList<>(computed);
        waits.addAll(alsoAfter);
        Ops ready = tf.withControlDependencies(waits);
        Variable<TFloat32> beta1Power = tf.variable(tf.constant(beta1));
        Variable<TFloat32> beta2Power = tf.variable(tf.constant(beta2));
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < variables.size(); i++) {
            Variable<TFloat32> w = variables.get(i);
            Operand<TInt64> shape = tf.constant(w.shape().asArray());
            Variable<TFloat32> m = tf.variable(tf.zeros(shape, TFloat32.class));
            Variable<TFloat32> v = tf.variable(tf.zeros(shape, TFloat32.class));
            Op decay = weightDecay > 0 && decayed.contains(w)
                    ? ready.assignSub(w, ready.math.mul(ready.math.mul(lr, ready.constant((float) weightDecay)), w))
                    : ready.noOp();
            updates.add(ready.withControlDependencies(decay)
                    .train
                    .applyAdam(
                            w,
                            m,
                            v,
                            beta1Power,
                            beta2Power,
                            lr,
                            tf.constant(beta1),
                            tf.constant(beta2),
                            tf.constant(1e-8f),
                            grads.get(i)));
        }
        // Bias correction uses β^t: advance the powers only after every variable has been updated with them.
        Ops after = tf.withControlDependencies(updates);
        Op update = tf.withControlDependencies(List.of(
                        after.assign(beta1Power, after.math.mul(beta1Power, after.constant(beta1))),
                        after.assign(beta2Power, after.math.mul(beta2Power, after.constant(beta2)))))
                .noOp();
        return new Adam(lr, update, computed);
    }

    /** Plain Adam over all variables, no weight decay. */
    public static Adam minimize(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
        return minimize(tf, loss, variables, List.of(), 0);
    }

    /** The variables among {@code variables} whose name ends in {@code /kernel}: the usual targets of weight decay. */
    public static List<Variable<TFloat32>> kernels(java.util.Map<String, Variable<TFloat32>> variables) {
        return variables.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/kernel"))
                .map(java.util.Map.Entry::getValue)
                .toList();
    }

    /**
     * Linear warm-up to {@code peak} over {@code warmup} steps, then cosine decay to zero at {@code total} (MAE's
     * schedule).
     *
     * @param step 0-based
     */
    public static float warmupCosine(double peak, int step, int warmup, int total) {
        if (step < warmup) {
            return (float) (peak * (step + 1) / warmup);
        }
        double progress = (double) (step - warmup) / Math.max(1, total - warmup);
        return (float) (peak * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))));
    }

    @Override
    public Placeholder<TFloat32> learningRate() {
        return learningRate;
    }

    @Override
    public Op update() {
        return update;
    }

    /** The loss and the gradients this optimiser's updates wait for. */
    public List<Op> computed() {
        return computed;
    }
}
