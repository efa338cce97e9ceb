package io.pretrainbench.api.pretrain;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.Parameters;

/**
 * Produces an encoder from an unlabelled corpus: {@code mae}, {@code autoencoder}, ... Supervised learning from scratch
 * is the method {@code scratch}, which returns a randomly initialised encoder, so that pre-training versus none is one
 * axis of the grid.
 */
public interface PretrainingMethod extends Plugin {
    /** Trains (or initialises) an encoder. Deterministic for a fixed seed, params and corpus. */
    Encoder pretrain(PretrainingContext context);

    /** Rebuilds an encoder this method produced from its saved state; outputs must match bit for bit. */
    Encoder restore(EncoderState state);

    /**
     * Checks this method's parameters against the shape of the corpus's examples, at {@code validate}, before anything
     * runs (for example, that a ViT patch divides the image side). The default accepts every shape.
     *
     * @param exampleShape as {@link PretrainingCorpus#exampleShape} gives it
     * @throws InvalidParameterException naming the parameter and the values that would be valid
     * @since SPI 1.3
     */
    default void checkInput(Parameters params, int[] exampleShape) {}
}
