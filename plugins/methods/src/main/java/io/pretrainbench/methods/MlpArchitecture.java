package io.pretrainbench.methods;

import io.pretrainbench.api.params.ParameterSpec;

/** The architecture parameter shared by every method built on {@link io.pretrainbench.nn.MlpEncoder}. */
final class MlpArchitecture {
    static final ParameterSpec HIDDEN = ParameterSpec.string(
            "hidden", "256,128", "encoder layer widths separated by commas; the last is the feature width");

    private MlpArchitecture() {}
}
