package io.pretrainbench.methods;

import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.nn.VitEncoder;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The ViT parameters shared by {@code mae} and {@code scratch} (with {@code architecture: vit}): the same names and
 * defaults, so a grid compares MAE with learning from scratch on the same encoder.
 */
final class VitArchitecture {
    /**
     * The schema's bound on {@code patch}, above every image side these methods are meant for (ImageNet-style 224); the
     * real bound, a divisor of the corpus's image side, is checked at validate by {@link #checkPatch}.
     */
    static final int MAX_PATCH = 224;

    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer(
                    "patch",
                    4,
                    1,
                    MAX_PATCH,
                    "ViT patch side in pixels; must divide the image side (checked at validate)"),
            ParameterSpec.integer("width", 64, 8, 1024, "ViT token width (multiple of 4 and of heads)"),
            ParameterSpec.integer("depth", 4, 1, 24, "ViT encoder blocks"),
            ParameterSpec.integer("heads", 4, 1, 16, "attention heads"),
            ParameterSpec.integer("mlp_ratio", 2, 1, 8, "MLP hidden width as a multiple of the token width"));

    private VitArchitecture() {}

    /**
     * Refuses, at validate, a {@code patch} that does not divide the side of the corpus's square images, listing the
     * patches that would.
     */
    static void checkPatch(Parameters p, int[] shape) {
        int patch = p.getInt("patch");
        if (shape.length != 3 || shape[0] != shape[1]) {
            throw new InvalidParameterException(
                    "patch",
                    "the ViT needs square images; the corpus's examples have shape "
                            + java.util.Arrays.toString(shape));
        }
        int side = shape[0];
        if (side % patch != 0) {
            throw new InvalidParameterException(
                    "patch",
                    patch + " does not divide the corpus's image side " + side + "; valid: "
                            + IntStream.rangeClosed(1, Math.min(side, MAX_PATCH))
                                    .filter(d -> side % d == 0)
                                    .mapToObj(Integer::toString)
                                    .collect(Collectors.joining(", ")));
        }
    }

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
