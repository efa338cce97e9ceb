package io.pretrainbench.api.model;

/** How an encoder's forward pass is built into a graph. */
public enum EncoderMode {
    /**
     * Weights are constants; normalisation and dropout layers run in inference mode. For probes and feature extraction.
     */
    FROZEN,
    /** Weights are trainable variables initialised from the encoder's state; layers run in training mode. */
    TRAINABLE
}
