package io.pretrainbench.engine.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KolmogorovTest {
    @Test
    void distanceOfHalfOverlappingSamplesIsOneHalf() {
        // F_a(2) = 1/2 while F_b(2) = 0; nowhere do they differ more.
        assertThat(Kolmogorov.distance(new double[] {4, 1, 3, 2}, new double[] {3, 4, 5, 6}))
                .isEqualTo(0.5);
    }

    @Test
    void identicalSamplesAreAtZeroAndDisjointOnesAtOne() {
        assertThat(Kolmogorov.distance(new double[] {1, 2, 2, 3}, new double[] {3, 2, 1, 2}))
                .isZero();
        assertThat(Kolmogorov.distance(new double[] {1, 2}, new double[] {5, 6, 7}))
                .isEqualTo(1);
    }

    @Test
    void tiesAreCountedOnBothSidesBeforeComparing() {
        // At x = 1: F_a = 1/2, F_b = 1/4; at 2: 1, 3/4; the largest gap is 1/4, not the 1/2 a half-counted tie shows.
        assertThat(Kolmogorov.distance(new double[] {1, 2}, new double[] {1, 2, 2, 3}))
                .isEqualTo(0.25);
    }

    @Test
    void aGridAgainstTheSameGridShiftedHasTheShareOfPointsBelowTheShiftedOnesFirst() {
        // a = {0, ..., 99}, b = a + 10.5: eleven points of a lie below b's first, so F_a - F_b reaches 11 / 100.
        double[] a = new double[100];
        double[] b = new double[100];
        for (int i = 0; i < 100; i++) {
            a[i] = i;
            b[i] = i + 10.5;
        }
        assertThat(Kolmogorov.distance(a, b)).isCloseTo(0.11, within(1e-12));
    }

    @Test
    void twoSamplesOfOneLawAreCloseAndArgumentsAreNotReordered() {
        SplittableRandom random = new SplittableRandom(1);
        double[] a = new double[2_000];
        double[] b = new double[20_000];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextGaussian();
        }
        double first = a[0];
        // The 99.9% point of the two-sample statistic is 1.95 sqrt(1/2000 + 1/20000), about 0.046.
        assertThat(Kolmogorov.distance(a, b)).isLessThan(0.046);
        assertThat(a[0]).isEqualTo(first);
    }
}
