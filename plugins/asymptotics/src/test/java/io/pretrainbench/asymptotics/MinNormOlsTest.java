package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MinNormOlsTest {
    @Test
    void recoversExactCoefficientsOfANoiselessLinearModel() {
        double[][] x = {{1, 0}, {0, 1}, {1, 1}, {2, -1}};
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = 3 * x[i][0] - 2 * x[i][1];
        }
        assertThat(MinNormOls.fit(x, y)).containsExactly(new double[] {3, -2}, within(1e-12));
    }

    @Test
    void collinearFeaturesGetTheMinimumNormSolution() {
        // Two copies of one feature: every b1 + b2 = 2 fits; the minimum-norm one splits it evenly.
        double[][] x = {{1, 1}, {2, 2}, {-1, -1}};
        double[] y = {2, 4, -2};
        assertThat(MinNormOls.fit(x, y)).containsExactly(new double[] {1, 1}, within(1e-12));
    }
}
