package io.pretrainbench.nn;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Identity;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The loss and its gradients for one optimisation step, as the ops every update must wait for. Variables are updated in
 * place: every read of every variable (forward and backward pass) must finish before the first update, or a late read
 * sees updated weights and the result depends on thread scheduling. Shared by {@link Adam} and {@link GradientDescent}.
 *
 * @param gradients one per variable, in the variables' order
 * @param computed the loss and all gradients: control dependencies for the updates
 */
record BackwardPass(List<Operand<TFloat32>> gradients, List<Op> computed) {
    static BackwardPass of(Ops tf, Operand<TFloat32> loss, List<Variable<TFloat32>> variables) {
        Gradients dy = tf.gradients(loss, variables);
        List<Op> computed = new ArrayList<>();
        List<Operand<TFloat32>> gradients = new ArrayList<>();
        computed.add(tf.identity(loss));
        for (int i = 0; i < variables.size(); i++) {
            Identity<TFloat32> grad = tf.identity(dy.<TFloat32>dy(i));
            gradients.add(grad);
            computed.add(grad);
        }
        return new BackwardPass(List.copyOf(gradients), List.copyOf(computed));
    }
}
