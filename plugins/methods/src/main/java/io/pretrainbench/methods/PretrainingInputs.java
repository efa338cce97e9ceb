package io.pretrainbench.methods;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.nn.Augmentation;
import io.pretrainbench.nn.InputNormalisation;
import java.util.ArrayList;
import java.util.List;

/**
 * The parameters that shape what an encoder sees while it is pre-trained, shared by the built-in methods: augmentations
 * (random resized crop, horizontal flip) and per-channel input normalisation. All are off by default and left out of
 * the cell ids while off ({@link ParameterSpec#omittedAtDefault()}), so adding them kept every existing cell.
 */
final class PretrainingInputs {
    static final String NONE = "none";
    static final String PER_CHANNEL = "per-channel";

    /** Normalisation, for every built-in method (scratch included, so that a comparison is on equal inputs). */
    static final ParameterSpec NORMALISE = ParameterSpec.choice(
                    "normalise",
                    NONE,
                    List.of(NONE, PER_CHANNEL),
                    "per-channel: the encoder subtracts each channel's mean and divides by its standard deviation,"
                            + " both computed from the pre-training corpus and stored with the encoder")
            .omittedAtDefault();

    /** Augmentations, for the methods that train on the corpus. */
    static final List<ParameterSpec> AUGMENTATIONS = List.of(
            ParameterSpec.real(
                            "crop_min_scale",
                            1.0,
                            0.01,
                            1.0,
                            "random resized crop: smallest share of the image's area a crop keeps (1 = no crop)")
                    .omittedAtDefault(),
            ParameterSpec.real(
                            "crop_max_ratio",
                            4.0 / 3,
                            1.0,
                            4.0,
                            "random resized crop: widest aspect ratio (width / height); the narrowest is its inverse")
                    .omittedAtDefault(),
            ParameterSpec.bool("flip", false, "mirror half of the pre-training images left to right")
                    .omittedAtDefault());

    private PretrainingInputs() {}

    /** A training method's own parameters followed by the augmentations and the normalisation. */
    static List<ParameterSpec> withInputs(List<ParameterSpec> own) {
        List<ParameterSpec> all = new ArrayList<>(own);
        all.addAll(AUGMENTATIONS);
        all.add(NORMALISE);
        return List.copyOf(all);
    }

    /** The augmentation the parameters ask for, drawing from the pre-training {@code seed}. */
    static Augmentation augmentation(Parameters p, int[] shape, long seed) {
        return Augmentation.of(
                shape, p.getDouble("crop_min_scale"), p.getDouble("crop_max_ratio"), p.getBoolean("flip"), seed);
    }

    /** The normalisation the parameters ask for, its statistics computed from {@code corpus}. */
    static InputNormalisation normalisation(Parameters p, Examples corpus) {
        return p.getString("normalise").equals(PER_CHANNEL)
                ? InputNormalisation.perChannel(corpus)
                : InputNormalisation.NONE;
    }
}
