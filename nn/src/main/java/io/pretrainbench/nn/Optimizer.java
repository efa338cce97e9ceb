package io.pretrainbench.nn;

import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** A graph-mode update rule: feed {@link #learningRate()} and run {@link #update()} once per step. */
public interface Optimizer {
    /** Feed a scalar learning rate here at every step. */
    Placeholder<TFloat32> learningRate();

    /** Run this target to take one step. */
    Op update();
}
