package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.study.DistributionalModel;
import io.pretrainbench.api.study.Prediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpectralContrastiveTest implements DistributionalModelContract {
    private final SpectralContrastive model = new SpectralContrastive(4, 2, 0.3);

    @Test
    void pretrainingRecoversTheTopEigenspaceOfTheCrossCovarianceOnALargeSample() {
        double[][] a = model.pretrain(300_000, new SplittableRandom(3));
        // The loss depends on A only through A^T A; its population minimiser is diag(1, 1/2, 0, 0).
        double[] expected = {1, 0.5, 0, 0};
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double m = a[0][i] * a[0][j] + a[1][i] * a[1][j];
                assertThat(m).as("(A^T A)[%d][%d]", i, j).isCloseTo(i == j ? expected[i] : 0, within(0.03));
            }
        }
    }

    @Test
    void closedFormExcessRiskMatchesADirectMonteCarloEstimate() {
        SplittableRandom random = new SplittableRandom(4);
        double[][] a = model.pretrain(300, random);
        double[] b = {0.8, 1.3};
        int samples = 1_000_000;
        double risk = 0;
        double[] x = new double[4];
        for (int t = 0; t < samples; t++) {
            for (int j = 0; j < 4; j++) {
                x[j] = random.nextGaussian();
            }
            double y = model.target(x) + Math.sqrt(0.3) * random.nextGaussian();
            double prediction = 0;
            for (int r = 0; r < 2; r++) {
                for (int j = 0; j < 4; j++) {
                    prediction += b[r] * a[r][j] * x[j];
                }
            }
            risk += (y - prediction) * (y - prediction);
        }
        double excess = model.excess(a, b);
        assertThat(risk / samples - 0.3).isCloseTo(excess, within(0.01 * (0.3 + excess)));
    }

    @Test
    void corollary63AgreesWithTheDirectFormAtD2K1() {
        // d = 2, k = 1, sigma^2 = 1: lambda = (1, 1/2), tau = 1, w_1^2 = 1, so
        // E||L||^2 = (1 + tau + lambda_1^2) / (2 (lambda_1 - lambda_2)^2) = 3 / (2 / 4) = 6 and the limit at alpha = 1
        // is 1 + 6 = 7; Corollary 6.3's printed form 1 + 2 (1 (1 + 1 + 1)) (2 - 1) = 7 agrees, because its only pair
        // has lambda_2 = lambda_1 / 2.
        SpectralContrastive tiny = new SpectralContrastive(2, 1, 1.0);
        Prediction p = tiny.predict(1.0);
        assertThat(p.expectedLSquared()).isCloseTo(6.0, within(1e-12));
        assertThat(p.limit()).isCloseTo(7.0, within(1e-12));
        assertThat(p.paperForm()).isCloseTo(7.0, within(1e-12));
        assertThat(tiny.corollary63Limit(2.0)).isCloseTo(tiny.predict(2.0).limit(), within(1e-12));
    }

    @Test
    void corollary63AgreesWithTheDirectFormAtNoOtherAcceptedShape() {
        // Per pair (b, a) the two forms agree only when lambda_a = lambda_b / 2; summed over pairs the errors can
        // nearly cancel, so the closest other shape is reported exactly rather than bounded loosely.
        List<Shape> others = acceptedShapes().stream()
                .filter(s -> !(s.d() == 2 && s.k() == 1))
                .sorted(Comparator.comparingDouble(Shape::logRatio).thenComparingInt(Shape::d))
                .toList();
        Shape closest = others.get(0);
        assertThat(closest.d()).isEqualTo(55);
        assertThat(closest.k()).isEqualTo(14);
        assertThat(closest.ratio()).isCloseTo(0.99826, within(1e-5));
        assertThat(others).allSatisfy(s -> assertThat(s.logRatio()).isGreaterThan(1e-3));
    }

    @Test
    void corollary63DiffersMostAtTheLargestRankOfTheLargestInput() {
        List<Shape> shapes = acceptedShapes();
        Shape most =
                shapes.stream().max(Comparator.comparingDouble(Shape::logRatio)).orElseThrow();
        // The complement's nearest eigenvalue is 1/64 against lambda_63 = 1/63: the direct form's gap is tiny and its
        // variance huge, which the printed form, blind to the gaps, misses by a factor of 50.
        assertThat(most.d()).isEqualTo(64);
        assertThat(most.k()).isEqualTo(63);
        assertThat(most.ratio()).isCloseTo(0.01979, within(1e-5));
        // The other direction: with k = 1 every far eigenvalue lambda_a < lambda_1 / 2 is over-counted, up to 4x.
        Shape over =
                shapes.stream().max(Comparator.comparingDouble(Shape::ratio)).orElseThrow();
        assertThat(over.d()).isEqualTo(64);
        assertThat(over.k()).isEqualTo(1);
        assertThat(over.ratio()).isCloseTo(3.4015, within(1e-4));
        // The study's setting (grids/asymptotics.yaml): 49.9 printed against 35.49 direct at sigma^2 0.2, alpha 2.
        SpectralContrastive study = new SpectralContrastive(8, 2, 0.2);
        assertThat(study.corollary63Limit(2)).isCloseTo(49.9, within(1e-9));
        assertThat(study.predict(2).limit()).isCloseTo(35.486, within(1e-3));
        assertThat(Shape.of(8, 2).ratio()).isCloseTo(1.4108, within(1e-4));
    }

    /** Corollary 6.3's pre-training term over the direct one's for one (d, k); sigma^2 and alpha cancel. */
    private record Shape(int d, int k, double ratio) {
        static Shape of(int d, int k) {
            SpectralContrastive model = new SpectralContrastive(d, k, 1.0);
            return new Shape(d, k, (model.corollary63Limit(1.0) - k) / model.expectedLSquared());
        }

        double logRatio() {
            return Math.abs(Math.log(ratio));
        }
    }

    /** Every (d, k) the plugin accepts: d over the declared range of its parameter, k in [1, d - 1]. */
    private static List<Shape> acceptedShapes() {
        ParameterSpec dSpec = new SpectralContrastiveStudy()
                .descriptor().parameters().stream()
                        .filter(p -> p.name().equals("d"))
                        .findFirst()
                        .orElseThrow();
        List<Shape> shapes = new ArrayList<>();
        for (int d = dSpec.min().intValue(); d <= dSpec.max().intValue(); d++) {
            for (int k = 1; k < d; k++) {
                shapes.add(Shape.of(d, k));
            }
        }
        return shapes;
    }

    @Test
    void sameSeedGivesTheSameExcessRisk() {
        assertThat(model.excessRisk(200, 400, 9))
                .isEqualTo(model.excessRisk(200, 400, 9))
                .isNotEqualTo(model.excessRisk(200, 400, 10));
    }

    @Test
    void refusesARankWithoutComplement() {
        assertThatThrownBy(() -> new SpectralContrastive(3, 3, 0.1))
                .hasMessageContaining("k = 3")
                .hasMessageContaining("[1, 2]");
    }

    @Override
    public DistributionalModel distributionalModel() {
        return model;
    }
}
