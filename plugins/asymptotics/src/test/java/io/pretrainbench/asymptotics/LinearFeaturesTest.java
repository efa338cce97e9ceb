package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.study.RiskSplit;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LinearFeaturesTest {
    /** Two features of three inputs, a target partly outside their span, Cov(x) = diag(2, 1, 0.5). */
    private final double[][] map = {{1, 0.2, 0}, {0, 1, 0.3}};

    private final double[] covariance = {2, 1, 0.5};
    private final double[] target = {0.7, -0.4, 0.9};
    private final LinearFeatures downstream = new LinearFeatures(map, covariance, target);

    @Test
    void noiseAveragedRiskIsTheMeanOfTheRealisedRiskOverTheLabelNoise() {
        // Proposition B.1: one design of 12 points, 20 000 label-noise draws of variance 0.3.
        SplittableRandom random = new SplittableRandom(2);
        int n = 12;
        double[][] phi = new double[n][];
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            double[] x = new double[3];
            for (int j = 0; j < 3; j++) {
                x[j] = Math.sqrt(covariance[j]) * random.nextGaussian();
                f[i] += target[j] * x[j];
            }
            phi[i] = downstream.features(x, new double[2]);
        }
        int draws = 20_000;
        double sum = 0;
        double sumSquares = 0;
        for (int t = 0; t < draws; t++) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = f[i] + Math.sqrt(0.3) * random.nextGaussian();
            }
            double r = downstream.excess(MinNormOls.fit(phi, y));
            sum += r;
            sumSquares += r * r;
        }
        double mean = sum / draws;
        double standardError = Math.sqrt((sumSquares / draws - mean * mean) / draws);
        RiskSplit averaged = downstream.averaged(phi, f, 0.3);
        assertThat(averaged.total()).isCloseTo(mean, within(3 * standardError));
    }

    @Test
    void pretrainingPartIsTheLeastExcessOverAllCoefficients() {
        RiskSplit split = downstream.averaged(new double[][] {{1, 0}, {0, 1}, {1, 1}}, new double[] {0, 0, 0}, 0.1);
        SplittableRandom random = new SplittableRandom(3);
        for (int t = 0; t < 200; t++) {
            double[] b = {random.nextGaussian(), random.nextGaussian()};
            assertThat(downstream.excess(b)).isGreaterThanOrEqualTo(split.pretraining());
        }
        assertThat(split.pretraining()).isPositive(); // the target's third coordinate is out of reach
    }
}
