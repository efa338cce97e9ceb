package io.pretrainbench.multiview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.params.Parameters;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiViewDataTest {
    private static Parameters params(Object... keyValues) {
        Map<String, Object> raw = new HashMap<>(Map.of("dimension", 60L, "patches", 20L));
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new MultiViewCorpus().descriptor().resolve(raw);
    }

    /** Σ_p ⟨x_p, v_{y,l}⟩ for each feature l of sample i's class: the feature's total weight when noise is off. */
    static double[] featureTotals(MultiViewData.Samples s, MultiViewData.Features f, int i) {
        double[] totals = new double[f.perClass()];
        for (int l = 0; l < f.perClass(); l++) {
            totals[l] = projection(s, f.vector(s.labels()[i], l), i);
        }
        return totals;
    }

    private static double projection(MultiViewData.Samples s, double[] v, int i) {
        double total = 0;
        int d = s.dimension();
        for (int p = 0; p < s.patches(); p++) {
            for (int t = 0; t < d; t++) {
                total += s.values()[(i * s.patches() + p) * d + t] * v[t];
            }
        }
        return total;
    }

    @Test
    void featuresAreOrthonormalAndTheStandardBasisWithoutRotation() {
        MultiViewData.Features rotated = MultiViewData.features(10, 2, 60, 3, true);
        for (int a = 0; a < 20; a++) {
            for (int b = 0; b < 20; b++) {
                assertThat(MultiViewData.dot(rotated.vectors()[a], rotated.vectors()[b]))
                        .as("⟨v_%d, v_%d⟩", a, b)
                        .isCloseTo(a == b ? 1.0 : 0.0, within(1e-12));
            }
        }
        // A random rotation spreads each feature over many coordinates; the basis puts it on one.
        assertThat(java.util.Arrays.stream(rotated.vectors()[0])
                        .map(Math::abs)
                        .max()
                        .orElseThrow())
                .isLessThan(0.9);
        MultiViewData.Features basis = MultiViewData.features(10, 2, 60, 3, false);
        assertThat(basis.vector(3, 1)[7]).isEqualTo(1.0);
    }

    @Test
    void theFractionOfSingleViewSamplesIsMu() {
        MultiViewData data = MultiViewData.of(params("single_view_fraction", 0.2));
        MultiViewData.Samples s = data.generate(5000, MultiViewData.View.ALL, 1);
        long single = 0;
        for (boolean b : s.singleView()) {
            single += b ? 1 : 0;
        }
        // Binomial(5000, 0.2): standard deviation 0.0057; 4 of them.
        assertThat(single / 5000.0).isCloseTo(0.2, within(0.023));
    }

    @Test
    void featureWeightsFollowTheMultiViewAndSingleViewDefinitions() {
        MultiViewData data = MultiViewData.of(
                params("noise_std", 0.0, "feature_noise", 0.0, "sparsity", 0.0, "weight_max", 1.5, "weak_weight", 0.2));
        MultiViewData.Samples s = data.generate(400, MultiViewData.View.ALL, 1);
        for (int i = 0; i < 400; i++) {
            double[] w = featureTotals(s, data.features(), i);
            double low = Math.min(w[0], w[1]);
            double high = Math.max(w[0], w[1]);
            assertThat(high).isBetween(1.0 - 1e-5, 1.5 + 1e-5);
            if (s.singleView()[i]) {
                assertThat(low).isCloseTo(0.2, within(1e-5));
            } else {
                assertThat(low).isBetween(1.0 - 1e-5, 1.5 + 1e-5);
            }
        }
    }

    @Test
    void eachFeatureOccupiesPatchesPerFeaturePatchesAndTheRestArePureNoise() {
        MultiViewData data = MultiViewData.of(
                params("noise_std", 0.0, "feature_noise", 0.0, "sparsity", 0.0, "patches_per_feature", 4L));
        MultiViewData.Samples s = data.generate(30, MultiViewData.View.MULTI, 2);
        int d = s.dimension();
        for (int i = 0; i < 30; i++) {
            int nonZero = 0;
            for (int p = 0; p < s.patches(); p++) {
                double norm = 0;
                for (int t = 0; t < d; t++) {
                    norm += Math.abs(s.values()[(i * s.patches() + p) * d + t]);
                }
                nonZero += norm > 0 ? 1 : 0;
            }
            assertThat(nonZero).as("patches carrying a feature in sample %d", i).isEqualTo(2 * 4);
        }
    }

    @Test
    void otherClassesFeaturesAppearWithProbabilitySOverKAtTheirWeight() {
        // s = 2, k = 10: each of the 18 foreign features appears with probability 0.2, total weight in [0.2, 0.4].
        MultiViewData data =
                MultiViewData.of(params("noise_std", 0.0, "feature_noise", 0.0, "sparsity", 2.0, "patches", 80L));
        MultiViewData.Samples s = data.generate(500, MultiViewData.View.ALL, 4);
        int present = 0;
        for (int i = 0; i < 500; i++) {
            for (int j = 0; j < 20; j++) {
                if (j / 2 == s.labels()[i]) {
                    continue;
                }
                double total = projection(s, data.features().vectors()[j], i);
                if (total > 1e-6) {
                    present++;
                    assertThat(total).isBetween(0.2 - 1e-5, 0.4 + 1e-5);
                }
            }
        }
        // Binomial(9000, 0.2): mean 1800, standard deviation 38.
        assertThat(present).isBetween(1800 - 160, 1800 + 160);
    }

    @Test
    void patchNoiseHasStandardDeviationSigmaAndFeatureNoiseIsBoundedByGamma() {
        MultiViewData data = MultiViewData.of(params("noise_std", 0.3, "feature_noise", 0.0, "sparsity", 0.0));
        MultiViewData.Samples s = data.generate(200, MultiViewData.View.ALL, 5);
        // Project out the feature span; what is left is noise in 60 − 20 = 40 dimensions per patch.
        MultiViewData.Features f = data.features();
        double residual = 0;
        long count = 0;
        int d = s.dimension();
        double[] x = new double[d];
        for (int row = 0; row < 200 * s.patches(); row++) {
            double norm = 0;
            for (int t = 0; t < d; t++) {
                x[t] = s.values()[row * d + t];
                norm += x[t] * x[t];
            }
            for (double[] v : f.vectors()) {
                double a = MultiViewData.dot(x, v);
                norm -= a * a;
            }
            residual += norm;
            count += d - f.vectors().length;
        }
        assertThat(Math.sqrt(residual / count)).isCloseTo(0.3, within(0.006));

        MultiViewData noisy = MultiViewData.of(params("noise_std", 0.0, "feature_noise", 0.05, "sparsity", 0.0));
        MultiViewData.Samples n = noisy.generate(50, MultiViewData.View.MULTI, 5);
        // Without Gaussian noise every patch projects onto every feature with α ~ U[0, γ], plus z_p on the patches the
        // feature owns (2 features × 3 patches per sample): all projections are ≥ 0, at most 6 per sample exceed γ, and
        // the others average γ/2.
        double noiseSum = 0;
        int noiseCount = 0;
        for (int i = 0; i < 50; i++) {
            int above = 0;
            for (int p = 0; p < n.patches(); p++) {
                for (double[] v : noisy.features().vectors()) {
                    double a = 0;
                    for (int t = 0; t < d; t++) {
                        a += n.values()[(i * n.patches() + p) * d + t] * v[t];
                    }
                    assertThat(a).isGreaterThan(-1e-5);
                    if (a > 0.05 + 1e-5) {
                        above++;
                    } else {
                        noiseSum += a;
                        noiseCount++;
                    }
                }
            }
            assertThat(above).isLessThanOrEqualTo(6);
        }
        assertThat(noiseSum / noiseCount).isCloseTo(0.025, within(0.001));
    }

    @Test
    void theSameSeedGivesTheSameSamplesAndStreamsDiffer() {
        MultiViewData data = MultiViewData.of(params());
        assertThat(data.generate(20, MultiViewData.View.ALL, 1).values())
                .isEqualTo(MultiViewData.of(params())
                        .generate(20, MultiViewData.View.ALL, 1)
                        .values());
        assertThat(data.generate(20, MultiViewData.View.ALL, 2).values())
                .isNotEqualTo(data.generate(20, MultiViewData.View.ALL, 1).values());
    }
}
