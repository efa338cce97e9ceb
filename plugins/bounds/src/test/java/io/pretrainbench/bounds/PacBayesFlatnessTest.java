package io.pretrainbench.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.tck.BoundEstimatorContract;
import io.pretrainbench.tck.TckEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacBayesFlatnessTest extends BoundEstimatorContract<PacBayesFlatness> {
    @Override
    protected PacBayesFlatness plugin() {
        return new PacBayesFlatness();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("draws", 2L, "iterations", 4L);
    }

    private static final float[] FLAT = {1, 0, 0, 1};
    /** The same decisions on the same data, but every margin is 0.1 instead of 1. */
    private static final float[] SHARP = {1, 0.9f, 0.9f, 1};

    /** 50 copies each of (1, 0) (class 0) and (0, 1) (class 1), identity encoder, head with the given kernel. */
    private EstimationContext cell(float[] kernel, Map<String, Object> params) {
        float[] inputs = new float[200];
        int[] labels = new int[100];
        for (int i = 0; i < 100; i++) {
            labels[i] = i % 2;
            inputs[2 * i + labels[i]] = 1;
        }
        TckEncoder identity = HandCells.encoder(2, 1, 0, 0, 1);
        return HandCells.cell(
                identity,
                identity,
                HandCells.linear(2, 2, kernel, new float[] {0, 0}),
                inputs,
                labels,
                2,
                plugin().descriptor().resolve(params),
                List.of());
    }

    @Test
    void aModelWithSmallMarginsIsSharperThanOneWithLargeMargins() {
        Map<String, Object> params = Map.of("draws", 4L, "iterations", 10L);
        BoundEstimate flat = plugin().estimate(cell(FLAT, params));
        BoundEstimate sharp = plugin().estimate(cell(SHARP, params));
        assertThat(flat.components().get("train_accuracy")).isEqualTo(1.0);
        assertThat(sharp.components().get("train_accuracy")).isEqualTo(1.0);
        assertThat(flat.components().get("sigma"))
                .isGreaterThan(2 * sharp.components().get("sigma"));
        assertThat(sharp.components().get("flatness"))
                .isGreaterThan(flat.components().get("flatness"));
        // The accuracy found at σ* stays within the threshold, as the search requires.
        assertThat(sharp.components().get("perturbed_accuracy")).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theBoundIsThePerturbedLossGapPlusTheMcAllesterTermOfTheExactKl() {
        BoundEstimate e = plugin().estimate(cell(SHARP, Map.of("draws", 2L, "iterations", 6L)));
        Map<String, Double> c = e.components();
        double sigma = c.get("sigma");
        double eps = 1e-3;
        // Weights: encoder I (prior: itself), head SHARP with zero bias (prior: zero). d = 4 + 4 + 2 = 10.
        float[] all = {1, 0, 0, 1, 1, 0.9f, 0.9f, 1, 0, 0};
        double sumVar = 0;
        double sumLog = 0;
        for (float w : all) {
            double v = sigma * sigma * w * w + eps * eps;
            sumVar += v;
            sumLog += Math.log(v);
        }
        double distance = 1 + 0.81 + 0.81 + 1; // the head, from zero
        assertThat(c.get("distance_from_prior")).isCloseTo(Math.sqrt(distance), within(1e-6));
        double kl = 0.5 * (10 * Math.log((sumVar + distance) / 10) - sumLog);
        assertThat(c.get("kl")).isCloseTo(kl, within(1e-6 * kl));
        assertThat(c.get("parameters")).isEqualTo(10.0);
        double mcAllester = Math.sqrt((kl + Math.log(2 * Math.sqrt(100) / 0.05)) / 200);
        assertThat(c.get("complexity_term")).isCloseTo(mcAllester, within(1e-8));
        assertThat(e.value())
                .isCloseTo(
                        c.get("train_accuracy") - c.get("perturbed_accuracy") + c.get("complexity_term"),
                        within(1e-12));
    }

    @Test
    void perturbingOnlyTheHeadOfAFrozenEncoderCountsOnlyTheHeadsWeights() {
        BoundEstimate e = plugin().estimate(cell(SHARP, Map.of("perturb", "head", "iterations", 6L)));
        Map<String, Double> c = e.components();
        double sigma = c.get("sigma");
        double sumVar = 0;
        double sumLog = 0;
        for (float w : new float[] {1, 0.9f, 0.9f, 1, 0, 0}) {
            double v = sigma * sigma * w * w + 1e-6;
            sumVar += v;
            sumLog += Math.log(v);
        }
        double distance = 1 + 0.81 + 0.81 + 1;
        assertThat(c.get("parameters")).isEqualTo(6.0);
        assertThat(c.get("kl")).isCloseTo(0.5 * (6 * Math.log((sumVar + distance) / 6) - sumLog), within(1e-5));
        assertThat(sigma).isPositive();
        assertThat(c.get("perturbed_accuracy")).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void perturbingOnlyTheHeadIsRefusedWhenTheProtocolTrainedTheEncoder() {
        EstimationContext c = cell(FLAT, Map.of("perturb", "head"));
        EstimationContext tuned = EstimationContext.builder()
                .encoder(c.encoder())
                .head(c.head())
                .train(c.train())
                .trainFeatures(c.trainFeatures())
                .numClasses(2)
                .metrics(c.metrics())
                .params(c.params())
                .pretrainedEncoder(HandCells.encoder(2, 1, 0, 0, 2))
                .pretrainCurve(List.of())
                .build();
        assertThatThrownBy(() -> plugin().estimate(tuned))
                .hasMessageContaining("perturb=head")
                .hasMessageContaining("trained the encoder");
    }

    @Test
    void aModelFlatBeyondTheSearchRangeIsMarkedSaturated() {
        BoundEstimate e = plugin().estimate(cell(FLAT, Map.of("sigma_max", 0.01, "iterations", 3L)));
        assertThat(e.components().get("saturated")).isEqualTo(1.0);
        assertThat(e.components().get("sigma")).isEqualTo(0.01);
    }

    @Test
    void aKnnCellIsRefusedSayingWhatItNeeds() {
        EstimationContext c = cell(FLAT, Map.of());
        EstimationContext knn = EstimationContext.builder()
                .encoder(c.encoder())
                .head(new Head(Head.NONE, new Weights(Map.of())))
                .train(c.train())
                .trainFeatures(c.trainFeatures())
                .numClasses(2)
                .metrics(c.metrics())
                .params(c.params())
                .build();
        assertThatThrownBy(() -> plugin().estimate(knn))
                .hasMessageContaining("pac-bayes-flatness needs a 'linear' head");
    }
}
