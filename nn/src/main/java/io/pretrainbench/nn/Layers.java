package io.pretrainbench.nn;

import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Graph-building helpers shared by every model: weights as constants or variables, dense layers, flattening. */
public final class Layers {
    private Layers() {}

    public static Operand<TFloat32> constant(Ops tf, WeightTensor t) {
        return tf.constant(Shape.of(t.shape()), DataBuffers.of(t.values(), true, false));
    }

    /**
     * A named weight as a graph operand: a constant in {@link EncoderMode#FROZEN}, otherwise a variable initialised
     * from the weight (recorded in {@code variables} under its name so it can be optimised and read back).
     */
    public static Operand<TFloat32> weight(
            Ops tf, Weights weights, String name, EncoderMode mode, Map<String, Variable<TFloat32>> variables) {
        if (mode == EncoderMode.TRAINABLE && variables.containsKey(name)) {
            return variables.get(name); // a second pass over the same model (e.g. MAE's full-image pass) shares weights
        }
        Operand<TFloat32> init = constant(tf, weights.get(name));
        if (mode == EncoderMode.FROZEN) {
            return init;
        }
        Variable<TFloat32> variable = tf.withName(name.replace('/', '_')).variable(init);
        variables.put(name, variable);
        return variable;
    }

    /** {@code x · kernel + bias}. */
    public static Operand<TFloat32> dense(
            Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel, Operand<TFloat32> bias) {
        return tf.math.add(tf.linalg.matMul(x, kernel), bias);
    }

    /**
     * Mean softmax cross-entropy of integer labels, built from ops whose gradients TensorFlow's C++ API defines
     * (SparseSoftmaxCrossEntropyWithLogits has none there): log-softmax as {@code z − log Σ exp z} with the row maximum
     * subtracted first for stability, picked out by a one-hot mask.
     */
    public static Operand<TFloat32> softmaxCrossEntropy(
            Ops tf, Operand<TFloat32> logits, Operand<TInt32> labels, int classes) {
        Operand<TInt32> lastAxis = tf.constant(-1);
        Operand<TFloat32> shifted = tf.math.sub(logits, tf.stopGradient(tf.max(logits, lastAxis, Max.keepDims(true))));
        Operand<TFloat32> logSumExp = tf.math.log(tf.sum(tf.math.exp(shifted), lastAxis, Sum.keepDims(true)));
        Operand<TFloat32> logProbabilities = tf.math.sub(shifted, logSumExp);
        Operand<TFloat32> oneHot = tf.oneHot(labels, tf.constant(classes), tf.constant(1f), tf.constant(0f));
        Operand<TFloat32> perExample = tf.math.neg(tf.sum(tf.math.mul(oneHot, logProbabilities), lastAxis));
        return tf.math.mean(perExample, tf.constant(0));
    }

    /** [batch, d1, d2, ...] → [batch, d1·d2·...]. */
    public static Operand<TFloat32> flatten(Ops tf, Operand<TFloat32> x, long size) {
        return tf.reshape(x, tf.constant(new long[] {-1, size}));
    }
}
