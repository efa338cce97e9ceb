package io.pretrainbench.engine.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.study.Prediction;
import io.pretrainbench.api.study.WeightedChiSquare;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitLawTest {
    private final WeightedChiSquare weights = new WeightedChiSquare(List.of(3.0, 1.0, 0.5));
    /** sigma^2 = 0.5, d_eff = 4, alpha = 2. */
    private final Prediction prediction = new Prediction(0.5 * 4 + 4.5 / 2, 0.5, 4, 2, 4.5, Double.NaN);

    @Test
    void weightedChiSquareHasTheSumOfItsWeightsAsMeanAndTwiceTheirSquaresAsVariance() {
        assertThat(weights.mean()).isEqualTo(4.5);
        LimitLaw law = LimitLaw.simulate(prediction, weights, 200_000, 7);
        double[] draws = law.pretraining(); // ||L||^2 / alpha
        double mean = 0;
        for (double v : draws) {
            mean += v;
        }
        mean /= draws.length;
        double var = 0;
        for (double v : draws) {
            var += (v - mean) * (v - mean);
        }
        var /= draws.length - 1;
        // E = 4.5 / 2; Var = 2 (9 + 1 + 0.25) / 4 = 5.125; standard errors about 0.005 and 0.05.
        assertThat(mean).isCloseTo(2.25, within(0.02));
        assertThat(var).isCloseTo(5.125, within(0.2));
    }

    @Test
    void totalIsThePretrainingPartShiftedBySigma2DEffAndBothAreSorted() {
        LimitLaw law = LimitLaw.simulate(prediction, weights, 1_000, 3);
        for (int i = 0; i < 1_000; i++) {
            assertThat(law.total()[i]).isCloseTo(2 + law.pretraining()[i], within(1e-12));
            if (i > 0) {
                assertThat(law.pretraining()[i]).isGreaterThanOrEqualTo(law.pretraining()[i - 1]);
            }
        }
    }

    @Test
    void aSingleUnitWeightIsAChiSquareWithOneDegreeOfFreedom() {
        // P(Z^2 <= 1) = P(|Z| <= 1) = 0.6827.
        LimitLaw law = LimitLaw.simulate(
                new Prediction(1, 0, 0, 1, 1, Double.NaN), new WeightedChiSquare(List.of(1.0)), 100_000, 5);
        long below =
                java.util.Arrays.stream(law.pretraining()).filter(v -> v <= 1).count();
        assertThat(below / 100_000.0).isCloseTo(0.6827, within(0.005));
    }
}
