package io.pretrainbench.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.tck.FineTuningProtocolContract;
import io.pretrainbench.tck.TckData;
import io.pretrainbench.tck.TckEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearProbeTest extends FineTuningProtocolContract<LinearProbe> {
    @Override
    protected LinearProbe plugin() {
        return new LinearProbe();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("epochs", 30L);
    }

    @Test
    void theReturnedHeadActsOnRawFeaturesAndReproducesTheReportedAccuracy() {
        TckEncoder encoder = TckEncoder.random(TckData.SHAPE, 12, 3);
        Examples train = TckData.images(90, 3, 1);
        Examples test = TckData.images(60, 3, 2);
        FineTuneResult result = plugin().fineTune(FineTuningContext.builder()
                .encoder(encoder)
                .train(train)
                .validation(Examples.labelled(new float[0], new int[0], TckData.SHAPE))
                .test(test)
                .numClasses(3)
                .params(parameters())
                .build());

        FeatureMatrix features = EncoderFeatures.compute(encoder, test, Compute.cpu(1), 32);
        LinearHead head = result.head().asLinear();
        assertThat(head.featureDim()).isEqualTo(12);
        assertThat(HeadEvaluation.of(head, features, test.labels()).accuracy())
                .isCloseTo(result.metrics().testAccuracy(), within(1e-9));
        assertThat(result.metrics().validationAccuracy())
                .as("no validation hold-out")
                .isNaN();
    }

    @Test
    void crossEntropyOfAUniformHeadIsLogK() {
        LinearHead uniform = LinearHead.of(2, 4, new float[8], new float[4]);
        FeatureMatrix x = new FeatureMatrix(3, 2, new float[] {1, 2, 3, 4, 5, 6});
        assertThat(HeadEvaluation.of(uniform, x, new int[] {0, 1, 3}).risk()).isCloseTo(Math.log(4), within(1e-12));
    }

    @Test
    void withoutAValidationHoldOutItTrainsEveryEpoch() {
        List<Integer> steps = new ArrayList<>();
        Examples train = TckData.images(96, 3, 1);
        var params = plugin().descriptor().resolve(Map.of("epochs", 7L, "batch_size", 32L, "patience", 1L));
        plugin().fineTune(FineTuningContext.builder()
                .encoder(TckEncoder.random(TckData.SHAPE, 12, 3))
                .train(train)
                .validation(Examples.labelled(new float[0], new int[0], TckData.SHAPE))
                .test(TckData.images(30, 3, 2))
                .numClasses(3)
                .params(params)
                .progress((phase, step, total, loss) -> {
                    assertThat(total).isEqualTo(7 * 3);
                    steps.add(step);
                })
                .build());
        assertThat(steps).hasSize(7 * 3).endsWith(21);
    }

    @Test
    void theTestSplitNeverInfluencesTheHead() {
        // Selection uses the validation hold-out only: relabelling the test split changes the test metrics, not the
        // head.
        Examples train = TckData.images(90, 3, 1);
        Examples validation = TckData.images(30, 3, 4);
        Examples test = TckData.images(60, 3, 2);
        int[] shifted = test.labels();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = (shifted[i] + 1) % 3;
        }
        var first = fineTune(train, validation, test);
        var second = fineTune(train, validation, test.withLabels(shifted));
        assertThat(second.head()).isEqualTo(first.head());
        assertThat(second.metrics().validationAccuracy())
                .isEqualTo(first.metrics().validationAccuracy());
        assertThat(second.metrics().testAccuracy()).isNotEqualTo(first.metrics().testAccuracy());
    }

    private FineTuneResult fineTune(Examples train, Examples validation, Examples test) {
        return plugin().fineTune(FineTuningContext.builder()
                .encoder(TckEncoder.random(TckData.SHAPE, 12, 3))
                .train(train)
                .validation(validation)
                .test(test)
                .numClasses(3)
                .params(parameters())
                .build());
    }
}
