package io.pretrainbench.bounds;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The expectation E_σ‖Σσ_i x_i‖₂ over Rademacher sign vectors σ that norm-bounded linear classes reduce their empirical
 * Rademacher complexity to: sup_{‖θ‖≤B} (1/n)Σσ_iθ·x_i = (B/n)‖Σσ_i x_i‖₂ (Cauchy–Schwarz, attained at θ ∝ Σσ_i x_i).
 * Three ways to get it: exactly by enumerating all 2ⁿ sign vectors (small n), by Monte Carlo with its standard error,
 * and Jensen's closed-form upper bound √(Σ‖x_i‖²).
 */
final class SignedSums {
    /** Above this, enumerating 2ⁿ sign vectors costs more than it is worth. */
    static final int MAX_EXACT = 24;

    private SignedSums() {}

    /** A Monte Carlo mean and its standard error (sample standard deviation / √samples; 0 for one sample). */
    record Estimate(double mean, double standardError) {}

    /**
     * E_σ‖Σσ_i x_i‖₂ by Monte Carlo over {@code samples} sign vectors drawn from {@code seed}.
     *
     * @param x {@code n × d} values, row-major
     */
    static Estimate monteCarlo(float[] x, int n, int d, int samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] sum = new double[d];
        double total = 0;
        double totalSquares = 0;
        for (int s = 0; s < samples; s++) {
            Arrays.fill(sum, 0);
            long signs = 0;
            for (int i = 0; i < n; i++) {
                if ((i & 63) == 0) {
                    signs = random.nextLong(); // 64 independent fair signs per draw
                }
                addSigned(x, i, d, (signs & 1) != 0, sum);
                signs >>>= 1;
            }
            double norm = Math.sqrt(sumOfSquares(sum));
            total += norm;
            totalSquares += norm * norm;
        }
        double mean = total / samples;
        double variance = samples > 1 ? Math.max(0, (totalSquares - samples * mean * mean) / (samples - 1)) : 0;
        return new Estimate(mean, Math.sqrt(variance / samples));
    }

    /**
     * E_σ‖Σσ_i x_i‖₂ exactly: the mean over all 2ⁿ sign vectors, visited in Gray-code order so that each step flips one
     * sign (one row added or subtracted twice).
     *
     * @throws IllegalArgumentException for more than {@value #MAX_EXACT} rows
     */
    static double exact(float[] x, int n, int d) {
        if (n > MAX_EXACT) {
            throw new IllegalArgumentException(
                    "exact enumeration of 2^" + n + " sign vectors refused; at most 2^" + MAX_EXACT);
        }
        double[] sum = new double[d];
        boolean[] plus = new boolean[n];
        for (int i = 0; i < n; i++) {
            addSigned(x, i, d, false, sum); // start from σ = (−1, …, −1)
        }
        double total = Math.sqrt(sumOfSquares(sum));
        long count = 1L << n;
        for (long g = 1; g < count; g++) {
            int flip = Long.numberOfTrailingZeros(g);
            plus[flip] = !plus[flip];
            for (int twice = 0; twice < 2; twice++) {
                addSigned(x, flip, d, plus[flip], sum);
            }
            total += Math.sqrt(sumOfSquares(sum));
        }
        return total / count;
    }

    /** Jensen's upper bound E‖Σσ_i x_i‖ ≤ √(E‖Σσ_i x_i‖²) = √(Σ‖x_i‖²). */
    static double closedForm(float[] x) {
        return Math.sqrt(sumOfSquares(x));
    }

    private static void addSigned(float[] x, int row, int d, boolean plus, double[] sum) {
        int offset = row * d;
        if (plus) {
            for (int j = 0; j < d; j++) {
                sum[j] += x[offset + j];
            }
        } else {
            for (int j = 0; j < d; j++) {
                sum[j] -= x[offset + j];
            }
        }
    }

    static double sumOfSquares(float[] values) {
        double s = 0;
        for (float v : values) {
            s += (double) v * v;
        }
        return s;
    }

    static double sumOfSquares(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v * v;
        }
        return s;
    }
}
