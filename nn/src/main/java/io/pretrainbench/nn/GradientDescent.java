package io.pretrainbench.nn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Plain (minibatch) gradient descent, {@code w ← w − lr · (∇L + λ w)}, no momentum, from TensorFlow's
 * {@code ApplyGradientDescent} kernel. The step is proportional to the gradient, so it shrinks as the loss is fit: the
 * dynamics that Allen-Zhu &amp; Li's (2020) and Pan et al.'s (2023) analyses of multi-view data are about, unlike
 * {@link Adam}'s per-coordinate normalised step. For gradient descent L2 regularisation and decoupled weight decay are
 * the same update. As in {@link Adam}, every update waits for the loss and all gradients, so no read sees an updated
 * weight.
 */
public final class GradientDescent implements Optimizer {
    private final Placeholder<TFloat32> learningRate;
    private final Op update;

    private GradientDescent(Placeholder<TFloat32> learningRate, Op update) {
        this.learningRate = learningRate;
        this.update = update;
    }

    /**
     * Adds the update of {@code variables} that descends {@code loss} to the graph.
     *
     * @param decayed the variables that get weight decay (usually kernels)
     * @param weightDecay λ: each step also subtracts {@code lr · λ · w} from those (0 = plain gradient descent)
     */
    public static GradientDescent minimize(
            Ops tf,
            Operand<TFloat32> loss,
            List<Variable<TFloat32>> variables,
            Collection<Variable<TFloat32>> decayed,
            double weightDecay) {
        return minimizeGroups(tf, loss, List.of(variables), decayed, weightDecay)
                .get(0);
    }

    /**
     * One update per group of variables, each with its own learning rate, from one backward pass: every group's update
     * waits for the gradients of all groups. Two separate {@code minimize} calls would not wait for each other, and one
     * group's update could then land before the other group's backward pass has read the weights (e.g. the encoder's
     * gradient reads the head's kernel), which made runs irreproducible (measured: fine-tuning at learning rate 0.5
     * gave different results for the same seed).
     */
    public static List<GradientDescent> minimizeGroups(
            Ops tf,
            Operand<TFloat32> loss,
            List<List<Variable<TFloat32>>> groups,
            Collection<Variable<TFloat32>> decayed,
            double weightDecay) {
        List<Variable<TFloat32>> variables = new ArrayList<>();
        groups.forEach(variables::addAll);
        BackwardPass pass = BackwardPass.of(tf, loss, variables);
        List<Operand<TFloat32>> grads = pass.gradients();
        Ops ready = tf.withControlDependencies(pass.computed());
        List<GradientDescent> optimizers = new ArrayList<>();
        int index = 0;
        for (List<Variable<TFloat32>> group : groups) {
            Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class);
            List<Op> updates = new ArrayList<>();
            for (Variable<TFloat32> w : group) {
                Operand<TFloat32> grad = grads.get(index++);
                Operand<TFloat32> delta = weightDecay > 0 && decayed.contains(w)
                        ? ready.math.add(grad, ready.math.mul(ready.constant((float) weightDecay), w))
                        : grad;
                updates.add(ready.train.applyGradientDescent(w, lr, delta));
            }
            optimizers.add(
                    new GradientDescent(lr, tf.withControlDependencies(updates).noOp()));
        }
        return optimizers;
    }

    @Override
    public Placeholder<TFloat32> learningRate() {
        return learningRate;
    }

    @Override
    public Op update() {
        return update;
    }
}
