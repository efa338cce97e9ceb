package io.pretrainbench.engine.study;

import java.util.Arrays;

/** The Kolmogorov distance sup_x |F(x) - G(x)| between the empirical distribution functions of two samples. */
public final class Kolmogorov {
    private Kolmogorov() {}

    /** Neither argument is changed; both are sorted in copies. */
    public static double distance(double[] sample, double[] reference) {
        double[] a = sample.clone();
        double[] b = reference.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        int i = 0;
        int j = 0;
        double sup = 0;
        // Walk the merged order; after consuming every point equal to the current value, both CDFs are exact there.
        while (i < a.length && j < b.length) {
            double x = Math.min(a[i], b[j]);
            while (i < a.length && a[i] == x) {
                i++;
            }
            while (j < b.length && b[j] == x) {
                j++;
            }
            sup = Math.max(sup, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return sup;
    }
}
