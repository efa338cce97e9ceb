package io.pretrainbench.api.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything needed to rebuild an encoder: its architecture name, the architecture's settings (as strings, so that any
 * plugin can round-trip them) and its weights. The host saves this to the encoder cache ({@link EncoderStateCodec}) and
 * hands it back to {@link io.pretrainbench.api.pretrain.PretrainingMethod#restore}.
 */
public record EncoderState(String architecture, Map<String, String> config, Weights weights) {
    /**
     * The config key under which a pre-training method records its own pre-training loss, in its own units, on corpus
     * examples it kept out of training (the built-in methods' {@code heldout} parameter), so that every cell using the
     * encoder, including one that loads it from the encoder cache, can read it through
     * {@code EstimationContext.pretrainedEncoder().state().config()}. Absent when the method kept nothing out.
     */
    public static final String PRETRAIN_HELDOUT_LOSS = "pretrain_heldout_loss";

    public EncoderState {
        config = Collections.unmodifiableMap(new TreeMap<>(config));
    }
}
