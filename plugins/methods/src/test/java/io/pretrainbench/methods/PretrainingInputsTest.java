package io.pretrainbench.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.EncoderStateCodec;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.nn.InputNormalisation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Augmentations and normalisation through the methods: reproducible, off by default, stored with the encoder. */
class PretrainingInputsTest {
    private static final Map<String, Object> AUGMENTED =
            Map.of("crop_min_scale", 0.3, "flip", true, "normalise", "per-channel");
    private static final Map<String, Object> MAE =
            Map.of("patch", 4L, "width", 16L, "depth", 1L, "heads", 2L, "decoder_width", 16L, "epochs", 1L);
    private static final Map<String, Object> CONTEXT_ENCODER =
            Map.of("channels", "4,8", "mask_size", 4L, "epochs", 1L, "batch_size", 16L);

    /** 64 random 8×8 RGB images, channels of different means. */
    private static Examples colourCorpus() {
        Random random = new Random(5);
        float[] values = new float[64 * 8 * 8 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 3) * 0.25f + 0.5f * random.nextFloat();
        }
        return Examples.unlabelled(values, 8, 8, 3);
    }

    private static Encoder pretrain(PretrainingMethod method, Map<String, Object> own, Map<String, Object> inputs) {
        Map<String, Object> raw = new HashMap<>(own);
        raw.putAll(inputs);
        return method.pretrain(PretrainingContext.builder()
                .corpus(colourCorpus())
                .params(method.descriptor().resolve(raw))
                .seed(3)
                .compute(Compute.cpu(2))
                .build());
    }

    private static String checksum(Encoder encoder) {
        return EncoderStateCodec.checksum(encoder.state());
    }

    @Test
    void theSameSeedGivesTheSameEncoderWithAugmentationsOnAndTheyChangeIt() {
        for (var method : Map.of(new MaskedAutoencoder(), MAE, new ContextEncoder(), CONTEXT_ENCODER)
                .entrySet()) {
            String augmented = checksum(pretrain(method.getKey(), method.getValue(), AUGMENTED));
            assertThat(checksum(pretrain(method.getKey(), method.getValue(), AUGMENTED)))
                    .as(method.getKey().descriptor().name())
                    .isEqualTo(augmented);
            assertThat(checksum(pretrain(method.getKey(), method.getValue(), Map.of())))
                    .as(method.getKey().descriptor().name())
                    .isNotEqualTo(augmented);
        }
    }

    @Test
    void theDefaultsAreOffAndLeftOutOfTheCanonicalParameters() {
        for (PretrainingMethod method :
                new PretrainingMethod[] {new MaskedAutoencoder(), new ContextEncoder(), new Autoencoder()}) {
            var defaults = method.descriptor().defaults();
            assertThat(defaults.canonical())
                    .doesNotContainKeys("crop_min_scale", "crop_max_ratio", "flip", "normalise");
            assertThat(PretrainingInputs.augmentation(defaults, new int[] {8, 8, 3}, 0))
                    .isSameAs(io.pretrainbench.nn.Augmentation.NONE);
        }
        assertThat(new Scratch().descriptor().defaults().canonical()).doesNotContainKey("normalise");
    }

    @Test
    void aBadCropRangeIsOneLineNamingTheKey() {
        assertThatThrownBy(() -> new MaskedAutoencoder().descriptor().resolve(Map.of("crop_min_scale", 0)))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.key())
                        .isEqualTo("crop_min_scale"))
                .hasMessage("parameter 'crop_min_scale': value 0 is out of range: expected real in [0.01, 1.0]");
        assertThatThrownBy(() -> new ContextEncoder().descriptor().resolve(Map.of("crop_max_ratio", 0.5)))
                .hasMessage("parameter 'crop_max_ratio': value 0.5 is out of range: expected real in [1.0, 4.0]");
    }

    @Test
    void normalisationStatisticsAreTheCorpussAndTheRestoredEncoderComputesTheSameFeatures() throws IOException {
        Examples corpus = colourCorpus();
        InputNormalisation expected = InputNormalisation.perChannel(corpus);
        for (var method : Map.of(
                        new ContextEncoder(),
                        CONTEXT_ENCODER,
                        new Scratch(),
                        Map.<String, Object>of("architecture", "vit", "patch", 4L, "width", 16L))
                .entrySet()) {
            Encoder fresh = pretrain(method.getKey(), method.getValue(), Map.of("normalise", "per-channel"));
            InputNormalisation stored = InputNormalisation.from(fresh.state().config());
            assertThat(stored.mean()).containsExactly(expected.mean());
            assertThat(stored.std()).containsExactly(expected.std());

            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            EncoderStateCodec.write(fresh.state(), saved);
            Encoder reloaded =
                    method.getKey().restore(EncoderStateCodec.read(new ByteArrayInputStream(saved.toByteArray())));
            Compute compute = Compute.cpu(1);
            assertThat(EncoderFeatures.compute(reloaded, corpus, compute, 16).values())
                    .containsExactly(
                            EncoderFeatures.compute(fresh, corpus, compute, 16).values());
        }
    }
}
