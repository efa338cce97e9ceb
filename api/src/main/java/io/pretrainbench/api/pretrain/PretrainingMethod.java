package io.pretrainbench.api.pretrain;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;

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
}
