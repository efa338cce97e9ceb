package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.study.Prediction;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianMixtureTest {
    private final GaussianMixture model = new GaussianMixture(3, 5, 3.0, 0.2, 2_000, 2_000, 11);

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
        assertThatThrownBy(() -> new GaussianMixture(6, 5, 2.0, 0.1, 100, 100, 0))
                .hasMessageContaining("components = 6")
                .hasMessageContaining("[2, 5]");
    }
}
