package io.pretrainbench.methods;

import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.nn.VitEncoder;
import java.util.List;

/**
 * The ViT parameters shared by {@code mae} and {@code scratch} (with {@code architecture: vit}): the same names and
 * defaults, so a grid compares MAE with learning from scratch on the same encoder.
 */
final class VitArchitecture {
    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer("patch", 4, 1, 28, "ViT patch side in pixels (28 must be a multiple)"),
            ParameterSpec.integer("width", 64, 8, 1024, "ViT token width (multiple of 4 and of heads)"),
            ParameterSpec.integer("depth", 4, 1, 24, "ViT encoder blocks"),
            ParameterSpec.integer("heads", 4, 1, 16, "attention heads"),
            ParameterSpec.integer("mlp_ratio", 2, 1, 8, "MLP hidden width as a multiple of the token width"));

    private VitArchitecture() {}

    static VitEncoder.Config config(int[] inputShape, Parameters p) {
        return new VitEncoder.Config(
                inputShape,
                p.getInt("patch"),
                p.getInt("width"),
                p.getInt("depth"),
                p.getInt("heads"),
                p.getInt("mlp_ratio"));
    }
}
