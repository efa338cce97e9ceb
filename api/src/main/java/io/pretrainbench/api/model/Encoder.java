package io.pretrainbench.api.model;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The contract between pre-training and fine-tuning: a representation ĥ that can build its forward pass into any
 * TensorFlow graph, and that can be saved ({@link #state()}) and restored by the method that produced it.
 *
 * <p>Implementations are immutable: fine-tuning returns a new encoder ({@link #withWeights}).
 */
public interface Encoder {
    /**
     * Shape of one input example, e.g. {@code [28, 28, 1]}; matches {@link io.pretrainbench.api.data.Examples#shape()}.
     */
    int[] inputShape();

    /** Width of the representation. */
    int featureDim();

    /** Architecture, settings and weights: enough for the producing method's {@code restore} to rebuild it. */
    EncoderState state();

    /**
     * Adds this encoder's forward pass to the graph behind {@code tf}.
     *
     * @param input a batch of examples, shape {@code [batch, inputShape...]}
     * @param mode constants in inference mode, or trainable variables initialised from {@link #state()}
     */
    EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode);

    /** The same architecture with other weights (for example after fine-tuning), names as in {@link #state()}. */
    Encoder withWeights(Weights weights);
}
