package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.EncoderStateCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class InputNormalisationTest {
    private static final Compute COMPUTE = Compute.cpu(1);

    /** 50 RGB images 6×5 whose channels have different means and spreads. */
    private static Examples colourImages() {
        Random random = new Random(11);
        float[] values = new float[50 * 6 * 5 * 3];
        for (int i = 0; i < values.length; i += 3) {
            values[i] = random.nextFloat();
            values[i + 1] = 0.5f + 0.1f * random.nextFloat();
            values[i + 2] = (float) (0.2 + 0.05 * random.nextGaussian());
        }
        return Examples.unlabelled(values, 6, 5, 3);
    }

    @Test
    void theStatisticsAreEachChannelsMeanAndStandardDeviationOverTheCorpus() {
        Examples corpus = colourImages();
        InputNormalisation inputs = InputNormalisation.perChannel(corpus);
        float[] values = values(corpus);
        int n = values.length / 3;
        for (int c = 0; c < 3; c++) {
            double sum = 0;
            for (int i = c; i < values.length; i += 3) {
                sum += values[i];
            }
            double mean = sum / n;
            double squares = 0;
            for (int i = c; i < values.length; i += 3) {
                squares += (values[i] - mean) * (values[i] - mean);
            }
            assertThat((double) inputs.mean()[c]).isCloseTo(mean, within(1e-6));
            assertThat((double) inputs.std()[c]).isCloseTo(Math.sqrt(squares / n), within(1e-6));
        }
    }

    @Test
    void aReloadedEncoderNormalisesAndComputesExactlyAsTheFreshOne() throws IOException {
        Examples corpus = colourImages();
        InputNormalisation inputs = InputNormalisation.perChannel(corpus);
        for (var encoder : List.of(
                CnnEncoder.initialise(corpus.shape(), List.of(4, 8), 1).withNormalisation(inputs),
                MlpEncoder.initialise(corpus.shape(), List.of(8), 1).withNormalisation(inputs))) {
            ByteArrayOutputStream saved = new ByteArrayOutputStream();
            EncoderStateCodec.write(encoder.state(), saved);
            EncoderState state = EncoderStateCodec.read(new ByteArrayInputStream(saved.toByteArray()));
            var reloaded = encoder instanceof CnnEncoder ? CnnEncoder.fromState(state) : MlpEncoder.fromState(state);

            assertThat(InputNormalisation.from(state.config()).mean()).containsExactly(inputs.mean());
            assertThat(InputNormalisation.from(state.config()).std()).containsExactly(inputs.std());
            assertThat(features(reloaded, corpus)).containsExactly(features(encoder, corpus));
        }
    }

    @Test
    void theEncoderSeesNormalisedInputs() {
        // An encoder with normalisation on x computes what the same encoder without it computes on (x - mean) / std.
        Examples corpus = colourImages();
        InputNormalisation inputs = InputNormalisation.perChannel(corpus);
        VitEncoder plain = VitEncoder.initialise(new VitEncoder.Config(new int[] {6, 6, 3}, 3, 8, 1, 2, 2), 4);
        Examples square = Examples.unlabelled(java.util.Arrays.copyOf(values(corpus), 50 * 6 * 6 * 3), 6, 6, 3);
        float[] normalised = values(square);
        float[] mean = inputs.mean();
        float[] std = inputs.std();
        for (int i = 0; i < normalised.length; i++) {
            normalised[i] = (normalised[i] - mean[i % 3]) / std[i % 3];
        }
        float[] expected = features(plain, Examples.unlabelled(normalised, 6, 6, 3));
        float[] actual = features(plain.withNormalisation(inputs), square);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
        }
    }

    @Test
    void withoutNormalisationTheStateIsUnchanged() {
        CnnEncoder encoder = CnnEncoder.initialise(new int[] {6, 5, 3}, List.of(4), 1);
        assertThat(encoder.withNormalisation(InputNormalisation.NONE).state().config())
                .isEqualTo(encoder.state().config())
                .doesNotContainKeys(InputNormalisation.MEAN, InputNormalisation.STD);
        assertThat(InputNormalisation.from(encoder.state().config())).isSameAs(InputNormalisation.NONE);
    }

    private static float[] values(Examples examples) {
        float[] out = new float[examples.count() * examples.exampleSize()];
        for (int i = 0; i < examples.count(); i++) {
            examples.copyRow(i, out, i * examples.exampleSize());
        }
        return out;
    }

    private static float[] features(io.pretrainbench.api.model.Encoder encoder, Examples examples) {
        FeatureMatrix features = EncoderFeatures.compute(encoder, examples, COMPUTE, 16);
        return features.values();
    }
}
