package io.pretrainbench.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.tck.BoundEstimatorContract;
import io.pretrainbench.tck.TckEncoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RademacherLinearTest extends BoundEstimatorContract<RademacherLinear> {
    @Override
    protected RademacherLinear plugin() {
        return new RademacherLinear();
    }

    // ---- the Rademacher estimate against known answers ----

    @Test
    void forOnePointMonteCarloIsExactlyItsNorm() {
        // n = 1: ‖σ x‖ = ‖x‖ for both signs, so the estimate and Jensen's closed form agree exactly.
        float[] x = {3, 4};
        assertThat(RademacherLinear.expectedSignedSumNorm(x, 1, 2, 7, 1)).isEqualTo(5.0);
    }

    @Test
    void forOrthogonalEqualNormPointsMonteCarloEqualsTheClosedForm() {
        // ‖Σ σ_i x_i‖ = √n·r for every sign vector when the x_i are orthogonal with norm r: Jensen's bound is tight.
        int n = 70; // more than 64 rows: the signs of two random draws are used
        float r = 3;
        float[] x = new float[n * n];
        for (int i = 0; i < n; i++) {
            x[i * n + i] = r;
        }
        assertThat(RademacherLinear.expectedSignedSumNorm(x, n, n, 50, 1)).isCloseTo(Math.sqrt(n) * r, within(1e-9));
    }

    @Test
    void forCollinearPointsMonteCarloApproachesTheKnownMean() {
        // x_i = 1 for all i: E|Σσ_i| = n·C(n−1, ⌊(n−1)/2⌋)/2^(n−1), which for n = 10 is 10·126/512 = 2.4609…,
        // well below the closed form √10 = 3.162…; the Monte Carlo standard error here is about 0.014.
        float[] x = new float[10];
        java.util.Arrays.fill(x, 1f);
        assertThat(RademacherLinear.expectedSignedSumNorm(x, 10, 1, 20_000, 7))
                .isCloseTo(10 * 126 / 512.0, within(0.05));
    }

    // ---- the bound assembled by hand ----

    /**
     * Four 2-d features, two classes, head w_0 = (2, 0), w_1 = (0, 2), b = (0.5, −0.5):
     *
     * <pre>
     *   x            y   h(x,0)  h(x,1)  margin
     *   (1, 0)       0    2.5    −0.5     3
     *   (0, 1)       1    0.5     1.5     1
     *   (2, 0)       0    4.5    −0.5     5
     *   (1, 0)       1    2.5    −0.5    −3   (misclassified)
     * </pre>
     */
    private EstimationContext handCell(Map<String, Object> params) {
        float[] features = {1, 0, 0, 1, 2, 0, 1, 0};
        Head head = LinearHead.of(2, 2, new float[] {2, 0, 0, 2}, new float[] {0.5f, -0.5f})
                .toHead();
        // The estimator reads features and labels; the encoder is there because a cell always has one.
        return EstimationContext.builder()
                .encoder(TckEncoder.random(new int[] {2}, 2, 1))
                .head(head)
                .train(Examples.labelled(features, new int[] {0, 1, 0, 1}, 2))
                .trainFeatures(new FeatureMatrix(4, 2, features))
                .numClasses(2)
                .metrics(new Metrics(0.75, 0.7, 0.5, 0.6, Double.NaN))
                .params(plugin().descriptor().resolve(params))
                .seed(3)
                .build();
    }

    @Test
    void theValueIsAssembledFromItsComponentsAsTheTheoremStates() {
        BoundEstimate e = plugin().estimate(handCell(Map.of("margin", 2.0, "samples", 20_000L)));
        Map<String, Double> c = e.components();
        assertThat(c.get("n")).isEqualTo(4.0);
        assertThat(c.get("head_norm")).isCloseTo(2 * Math.sqrt(2), within(1e-12)); // ‖W‖_F = √8
        assertThat(c.get("bias_norm")).isEqualTo(0.5);
        assertThat(c.get("feature_norm_sum")).isCloseTo(Math.sqrt(7), within(1e-12)); // √(1 + 1 + 4 + 1)
        double closedForm = 2 * Math.sqrt(2) / 4 * Math.sqrt(7); // = √14 / 2
        assertThat(c.get("rademacher_closed_form")).isCloseTo(closedForm, within(1e-12));
        // Exactly: Σσ_i x_i = (σ1 + 2σ3 + σ4, σ2); over the 16 sign vectors its norm is √17 (4×), √5 (8×), 1 (4×).
        double exact = 2 * Math.sqrt(2) / 4 * (Math.sqrt(17) + 2 * Math.sqrt(5) + 1) / 4;
        assertThat(c.get("rademacher_monte_carlo"))
                .isCloseTo(exact, within(0.02))
                .isLessThan(closedForm);
        assertThat(c.get("rademacher_bias")).isCloseTo(0.5 / 2, within(1e-12)); // β/√n
        // ρ = 2: ramp losses 0, 1/2, 0, 1.
        assertThat(c.get("margin")).isEqualTo(2.0);
        assertThat(c.get("empirical_margin_loss")).isCloseTo(1.5 / 4, within(1e-12));
        assertThat(c.get("train_error")).isCloseTo(0.25, within(1e-12));
        double complexity = 4.0 * 2 / 2 * (closedForm + 0.25); // (4k/ρ)(R̂ + β/√n) = 2√14 + 1
        assertThat(c.get("complexity_term"))
                .isCloseTo(complexity, within(1e-12))
                .isCloseTo(2 * Math.sqrt(14) + 1, within(1e-12));
        double confidence = Math.sqrt(Math.log(1 / 0.05) / 8);
        assertThat(c.get("confidence")).isCloseTo(confidence, within(1e-12));
        assertThat(e.value())
                .isCloseTo(0.375 - 0.25 + complexity + confidence, within(1e-12))
                .isCloseTo(9.22025, within(1e-5));
    }

    @Test
    void withoutAFixedMarginRhoIsAQuantileOfThePositiveTrainingMargins() {
        // Positive margins sorted: 1, 3, 5. Quantile 0.1 → index ⌊0.3⌋ = 0 → 1; quantile 0.5 → index ⌊1.5⌋ = 1 → 3.
        assertThat(plugin().estimate(handCell(Map.of())).components().get("margin"))
                .isEqualTo(1.0);
        BoundEstimate median = plugin().estimate(handCell(Map.of("margin_quantile", 0.5)));
        assertThat(median.components().get("margin")).isEqualTo(3.0);
        // ρ = 3: ramp losses 0, 2/3, 0, 1.
        assertThat(median.components().get("empirical_margin_loss")).isCloseTo((2.0 / 3 + 1) / 4, within(1e-12));
        assertThat(Margins.positiveQuantile(new double[] {-1, -2}, 0.5)).isEqualTo(Margins.VACUOUS);
    }

    @Test
    void theRampLossIsOneBelowZeroLinearUpToRhoAndZeroAbove() {
        assertThat(RademacherLinear.rampLoss(-0.5, 2)).isEqualTo(1.0);
        assertThat(RademacherLinear.rampLoss(0, 2)).isEqualTo(1.0);
        assertThat(RademacherLinear.rampLoss(0.5, 2)).isEqualTo(0.75);
        assertThat(RademacherLinear.rampLoss(2, 2)).isEqualTo(0.0);
        assertThat(RademacherLinear.rampLoss(7, 2)).isEqualTo(0.0);
    }

    @Test
    void theKitCellsBoundIsAtLeastItsMarginLossGap() {
        BoundEstimate e = plugin().estimate(context(1));
        Map<String, Double> c = e.components();
        assertThat(c.get("rademacher_monte_carlo")).isLessThanOrEqualTo(c.get("rademacher_closed_form"));
        assertThat(c.get("empirical_margin_loss")).isGreaterThanOrEqualTo(c.get("train_error"));
        assertThat(c.get("train_error")).isCloseTo(1 - context(1).metrics().trainAccuracy(), within(1e-9));
        assertThat(e.value()).isGreaterThan(c.get("complexity_term") + c.get("confidence") - 1e-12);
    }

    @Test
    void aHeadItCannotReadIsRefusedSayingWhatItNeeds() {
        EstimationContext cell = handCell(Map.of());
        EstimationContext knn = EstimationContext.builder()
                .encoder(cell.encoder())
                .head(new Head(Head.NONE, new Weights(Map.of())))
                .train(cell.train())
                .trainFeatures(cell.trainFeatures())
                .numClasses(2)
                .metrics(cell.metrics())
                .params(cell.params())
                .build();
        assertThatThrownBy(() -> plugin().estimate(knn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs a 'linear' head")
                .hasMessageContaining("got 'none'");
        EstimationContext threeClasses = EstimationContext.builder()
                .encoder(cell.encoder())
                .head(cell.head())
                .train(cell.train())
                .trainFeatures(cell.trainFeatures())
                .numClasses(3)
                .metrics(cell.metrics())
                .params(cell.params())
                .build();
        assertThatThrownBy(() -> plugin().estimate(threeClasses))
                .hasMessageContaining("head kernel [2, 2] and bias [2] do not fit 2 features and 3 classes");
    }
}
