package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.study.Prediction;
import io.pretrainbench.api.study.RiskSplit;
import io.pretrainbench.api.study.WeightedChiSquare;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    private static final GaussianMixture.Target ALTERNATING = new GaussianMixture.Target.Alternating();
    private final GaussianMixture model = new GaussianMixture(3, 5, 3.0, 0.2, ALTERNATING, 2_000, 2_000, 11);

    @Test
    void emRecoversTheMeansInTheTruthsLabellingOnALargeSample() {
        double[][] u = model.pretrain(100_000, new SplittableRandom(5));
        double[][] truth = model.truth();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 5; j++) {
                assertThat(u[i][j]).as("u[%d][%d]", i, j).isCloseTo(truth[i][j], within(0.05));
            }
        }
    }

    @Test
    void alignUndoesARelabelling() {
        double[][] truth = model.truth();
        double[][] permuted = {truth[2], truth[0], truth[1]};
        assertThat(model.align(permuted)).isDeepEqualTo(truth);
    }

    @Test
    void featuresSpanTheSameFunctionsInAnyLabelling() {
        // The loss's permutation symmetry: relabelled means give features that are a fixed linear map of the original
        // ones, so the OLS fit and its predictions are unchanged.
        double[][] u = model.pretrain(2_000, new SplittableRandom(6));
        double[][] relabelled = {u[1], u[2], u[0]};
        SplittableRandom random = new SplittableRandom(7);
        int n = 300;
        double[][] f1 = new double[n][];
        double[][] f2 = new double[n][];
        double[] y = new double[n];
        double[][] x = new double[n][5];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < 5; j++) {
                x[t][j] = random.nextGaussian() + (j == t % 3 ? 3 : 0);
            }
            y[t] = x[t][0] - x[t][1] * x[t][1] / 10 + random.nextGaussian();
            f1[t] = model.features(x[t], u, model.basis(u), new double[9]);
            f2[t] = model.features(x[t], relabelled, model.basis(relabelled), new double[9]);
        }
        double[] b1 = MinNormOls.fit(f1, y);
        double[] b2 = MinNormOls.fit(f2, y);
        for (int t = 0; t < n; t++) {
            double p1 = 0;
            double p2 = 0;
            for (int c = 0; c < 9; c++) {
                p1 += f1[t][c] * b1[c];
                p2 += f2[t][c] * b2[c];
            }
            assertThat(p2).isCloseTo(p1, within(1e-8));
        }
    }

    @Test
    void predictionIsSigma2TimesTheFeatureCountPlusAPositiveEstimationTerm() {
        Prediction p = model.predict(2.0);
        assertThat(p.dEff()).isEqualTo(9);
        assertThat(p.expectedLSquared()).isPositive();
        assertThat(p.limit()).isCloseTo(0.2 * 9 + p.expectedLSquared() / 2, within(1e-12));
        assertThat(model.predict(4.0).expectedLSquared()).isEqualTo(p.expectedLSquared()); // alpha only divides it
    }

    @Test
    void sameSeedGivesTheSameExcessRisk() {
        assertThat(model.excessRisk(200, 400, 1))
                .isEqualTo(model.excessRisk(200, 400, 1))
                .isNotEqualTo(model.excessRisk(200, 400, 2));
    }

    @Test
    void refusesMoreComponentsThanDimensions() {
        assertThatThrownBy(() -> new GaussianMixture(6, 5, 2.0, 0.1, ALTERNATING, 100, 100, 0))
                .hasMessageContaining("components = 6")
                .hasMessageContaining("[2, 5]");
    }

    @Test
    void noiseAveragedRiskIsTheMeanOfTheRealisedRiskOverTheLabelNoise() {
        // Proposition B.1 on a tiny case: the same pre-training and design, 4 000 label-noise draws.
        GaussianMixture tiny = new GaussianMixture(2, 3, 2.0, 0.5, ALTERNATING, 3_000, 500, 4);
        GaussianMixture.Draw draw = tiny.draw(30, 60, new SplittableRandom(8));
        RiskSplit averaged = tiny.averagedRisk(draw);
        int draws = 4_000;
        double sum = 0;
        double sumSquares = 0;
        for (int j = 0; j < draws; j++) {
            double r = tiny.realisedRisk(draw, new SplittableRandom(1_000 + j));
            sum += r;
            sumSquares += r * r;
        }
        double mean = sum / draws;
        double standardError = Math.sqrt((sumSquares / draws - mean * mean) / draws);
        assertThat(averaged.total()).isCloseTo(mean, within(3 * standardError));
        // The parts: the best predictor on the learned features is below the fit, the variance below the total.
        assertThat(averaged.pretraining()).isPositive().isLessThan(averaged.total() - averaged.variance());
        assertThat(averaged.variance()).isPositive().isLessThan(averaged.total());
    }

    @Test
    void lawOfLSquaredHasThePredictionsMean() {
        WeightedChiSquare law = model.lawOfLSquared();
        assertThat(law.weights()).hasSize(3 * 5); // one weight per coordinate of the means
        assertThat(law.mean()).isCloseTo(model.predict(1).expectedLSquared(), within(1e-9 * law.mean()));
    }

    @Test
    void harmonicTargetScalesWithItsNorm() {
        // E||L||^2 is quadratic in the target's coefficients: norm 10 gives 100 times norm 1 (same Monte Carlo).
        double unit = new GaussianMixture(3, 5, 2.0, 0.5, new GaussianMixture.Target.Harmonic(1), 500, 2_000, 3)
                .predict(1)
                .expectedLSquared();
        double ten = new GaussianMixture(3, 5, 2.0, 0.5, new GaussianMixture.Target.Harmonic(10), 500, 2_000, 3)
                .predict(1)
                .expectedLSquared();
        assertThat(ten).isCloseTo(100 * unit, within(1e-9 * ten));
    }

    @Test
    void alignFindsTheBestRelabellingOfManyComponents() {
        GaussianMixture wide = new GaussianMixture(12, 14, 2.0, 0.5, ALTERNATING, 100, 100, 0);
        double[][] truth = wide.truth();
        double[][] shuffled = new double[12][];
        for (int i = 0; i < 12; i++) {
            shuffled[i] = truth[(5 * i + 3) % 12].clone();
            shuffled[i][0] += 0.1; // off the truth, so the match is by nearness, not equality
        }
        double[][] aligned = wide.align(shuffled);
        for (int i = 0; i < 12; i++) {
            assertThat(aligned[i][i]).isEqualTo(2.0 + (i == 0 ? 0.1 : 0));
            assertThat(aligned[i][0]).isEqualTo(truth[i][0] + 0.1);
        }
    }
}
