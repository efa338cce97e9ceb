package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.study.Prediction;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpectralContrastiveTest {
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
    void predictedLimitOfATinyCaseMatchesTheHandComputation() {
        // d = 2, k = 1, sigma^2 = 1: lambda = (1, 1/2), tau = 1, w_1^2 = 1, so
        // E||L||^2 = (1 + tau + lambda_1^2) / (2 (lambda_1 - lambda_2)^2) = 3 / (2 / 4) = 6 and the limit at alpha = 1
        // is 1 + 6 = 7; the summary's printed form 1 + 2 (1 (1 + 1 + 1)) (2 - 1) = 7 agrees here.
        Prediction p = new SpectralContrastive(2, 1, 1.0).predict(1.0);
        assertThat(p.expectedLSquared()).isCloseTo(6.0, within(1e-12));
        assertThat(p.limit()).isCloseTo(7.0, within(1e-12));
        assertThat(p.paperForm()).isCloseTo(7.0, within(1e-12));
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
}
