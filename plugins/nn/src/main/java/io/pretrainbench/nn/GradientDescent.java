package io.pretrainbench.nn;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Identity;
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
  public static GradientDescent minimize(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables,
      Collection<Variable<TFloat32>> decayed, double weightDecay) {
    Placeholder<TFloat32> lr = tf.placeholder(TFloat32.class);
    Gradients gradients = tf.gradients(loss, variables);
    List<Op> computed = new ArrayList<>();
    List<Operand<TFloat32>> grads = new ArrayList<>();
    computed.add(tf.identity(loss));
    for (int i = 0; i < variables.size(); i++) {
      Identity<TFloat32> grad = tf.identity(gradients.<TFloat32>dy(i));
      grads.add(grad);
      computed.add(grad);
    }
    Ops ready = tf.withControlDependencies(computed);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      Variable<TFloat32> w = variables.get(i);
      Operand<TFloat32> delta = weightDecay > 0 && decayed.contains(w)
          ? ready.math.add(grads.get(i), ready.math.mul(ready.constant((float) weightDecay), w))
          : grads.get(i);
      updates.add(ready.train.applyGradientDescent(w, lr, delta));
    }
    return new GradientDescent(lr, tf.withControlDependencies(updates).noOp());
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
