package io.pretrainbench.methods;

import io.pretrainbench.api.params.ParameterSpec;

/** The CNN parameter shared by {@code context-encoder} and {@code scratch} (with {@code architecture: cnn}). */
final class CnnArchitecture {
    static final ParameterSpec CHANNELS = ParameterSpec.string(
            "channels",
            "32,64,128",
            "CNN channels per stride-2 3x3 convolution, separated by commas; the last is the feature width");

    private CnnArchitecture() {}
}
