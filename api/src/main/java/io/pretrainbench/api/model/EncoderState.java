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
    public EncoderState {
        config = Collections.unmodifiableMap(new TreeMap<>(config));
    }
}
