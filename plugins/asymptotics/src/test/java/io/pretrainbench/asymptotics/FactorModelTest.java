package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.study.DistributionalModel;
import io.pretrainbench.api.study.Prediction;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.junit.jupiter.api.Test;

class FactorModelTest implements DistributionalModelContract {
    private final FactorModel model = new FactorModel(5, List.of(4.0, 1.0), List.of(1.0, -0.5), 0.1);

    @Test
    void ppcaRecoversTheLoadingsUpToRotationOnALargeSample() {
        double[][] a = model.pretrain(400_000, new SplittableRandom(1));
        // A A^T is invariant under A -> A O; it should be A* A*^T = diag(4, 1, 0, 0, 0).
        double[] expected = {4, 1, 0, 0, 0};
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                double aat = a[i][0] * a[j][0] + a[i][1] * a[j][1];
                assertThat(aat).as("(A A^T)[%d][%d]", i, j).isCloseTo(i == j ? expected[i] : 0, within(0.05));
            }
        }
    }

    @Test
    void closedFormExcessRiskMatchesADirectMonteCarloEstimate() {
        SplittableRandom random = new SplittableRandom(2);
        double[][] map = FactorModel.featureMap(model.pretrain(200, random)); // a deliberately rough fit
        double[] b = {0.7, -0.9};
        double[] beta = model.beta();
        double[] h = new double[2];
        double[] x = new double[5];
        int samples = 1_000_000;
        double risk = 0;
        for (int t = 0; t < samples; t++) {
            model.sampleX(random, h, x);
            double y = beta[0] * h[0] + beta[1] * h[1] + Math.sqrt(model.labelNoise()) * random.nextGaussian();
            double prediction = 0;
            for (int r = 0; r < 2; r++) {
                for (int j = 0; j < 5; j++) {
                    prediction += b[r] * map[r][j] * x[j];
                }
            }
            risk += (y - prediction) * (y - prediction);
        }
        double excess = model.excess(map, b);
        assertThat(risk / samples - model.sigma2()).isCloseTo(excess, within(0.01 * (model.sigma2() + excess)));
    }

    @Test
    void predictedLimitOfATinyCaseMatchesTheHandComputation() {
        // d = 3, k = 1, s = 1, beta = 1, no label noise: sigma^2 = 1/(1 + 1) = 0.5, so sigma^2 k = 0.5, and
        // E||L||^2 = (d - k) beta^2 / (s (1 + s)) = 2 * 1/2 = 1; at alpha = 1 the limit is 1.5. With s = 1 Corollary
        // 6.4's printed form (d - k) beta^2 s / (1 + s) gives the same value.
        FactorModel tiny = new FactorModel(3, List.of(1.0), List.of(1.0), 0.0);
        Prediction p = tiny.predict(1.0);
        assertThat(p.sigma2()).isCloseTo(0.5, within(1e-12));
        assertThat(p.expectedLSquared()).isCloseTo(1.0, within(1e-12));
        assertThat(p.limit()).isCloseTo(1.5, within(1e-12));
        assertThat(p.paperForm()).isCloseTo(1.5, within(1e-12));
        assertThat(tiny.predict(2.0).limit()).isCloseTo(0.5 + 1.0 / 2, within(1e-12));
    }

    @Test
    void directFormIsCorollary64sNormWithAnExtraInverseSigmaStarInside() {
        // The study's setting (grids/asymptotics.yaml): d 10, s = (4, 1), beta = (1, 1), sigma_nu^2 0.05, alpha 2.
        int d = 10;
        double[] s = {4, 1};
        double[] beta = {1, 1};
        FactorModel study = new FactorModel(d, List.of(4.0, 1.0), List.of(1.0, 1.0), 0.05);
        // A* = [diag(sqrt s); 0]; Sigma*, U_1 from the eigendecomposition of A* A*^T as the corollary states them.
        RealMatrix loadings = MatrixUtils.createRealMatrix(d, s.length);
        for (int b = 0; b < s.length; b++) {
            loadings.setEntry(b, b, Math.sqrt(s[b]));
        }
        EigenDecomposition eig = new EigenDecomposition(loadings.multiply(loadings.transpose()));
        RealVector projected = new ArrayRealVector(s.length); // U_1^T A* beta*
        double[] printedWeights = new double[s.length]; // (I + Sigma*)^{-1/2}
        double[] directWeights = new double[s.length]; // (I + Sigma*)^{-1/2} Sigma*^-1
        for (int b = 0; b < s.length; b++) {
            double sigmaStar = eig.getRealEigenvalue(b);
            projected.setEntry(b, eig.getEigenvector(b).dotProduct(loadings.operate(new ArrayRealVector(beta))));
            printedWeights[b] = 1 / Math.sqrt(1 + sigmaStar);
            directWeights[b] = printedWeights[b] / sigmaStar;
        }
        double printedNorm =
                projected.ebeMultiply(new ArrayRealVector(printedWeights)).getNorm();
        double directNorm =
                projected.ebeMultiply(new ArrayRealVector(directWeights)).getNorm();

        assertThat(study.expectedLSquared()).isCloseTo((d - 2) * directNorm * directNorm, within(1e-12));
        double sigma2k = study.sigma2() * 2;
        assertThat(study.corollary64Limit(2))
                .isCloseTo(sigma2k + (d - 2) * printedNorm * printedNorm / 2, within(1e-12));
        // The values in docs/asymptotics.md: 3.70 direct (Monte Carlo 3.674 [3.583, 3.765]) against 6.7 printed.
        assertThat(study.predict(2).limit()).isCloseTo(3.7, within(1e-12));
        assertThat(study.predict(2).paperForm()).isCloseTo(6.7, within(1e-12));
    }

    @Test
    void sameSeedGivesTheSameExcessRisk() {
        assertThat(model.excessRisk(300, 600, 42))
                .isEqualTo(model.excessRisk(300, 600, 42))
                .isNotEqualTo(model.excessRisk(300, 600, 43));
    }

    @Test
    void refusesParametersThatDoNotFit() {
        assertThatThrownBy(() -> new FactorModel(3, List.of(1.0, 2.0), List.of(1.0), 0.1))
                .hasMessageContaining("beta has 1 entries")
                .hasMessageContaining("one per factor");
        assertThatThrownBy(() -> new FactorModel(2, List.of(1.0, 2.0), List.of(1.0, 1.0), 0.1))
                .hasMessageContaining("loadings has 2 entries")
                .hasMessageContaining("[1, 1]");
    }

    @Override
    public DistributionalModel distributionalModel() {
        return model;
    }
}
