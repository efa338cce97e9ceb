package io.pretrainbench.asymptotics;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Downstream least squares: the minimum-norm solution b = (Phi^T Phi)^+ Phi^T y, computed from the p x p Gram matrix (p
 * is small, n large) with an eigen pseudo-inverse, so collinear features are handled as min-norm OLS prescribes.
 */
final class MinNormOls {
    /** Relative eigenvalue cut-off below which a Gram direction counts as null (as numpy's lstsq rcond). */
    private static final double RCOND = 1e-12;

    private MinNormOls() {}

    /** {@code features} is n x p, row-major; returns the p coefficients. */
    static double[] fit(double[][] features, double[] y) {
        int n = features.length;
        int p = features[0].length;
        double[][] gram = new double[p][p];
        double[] xty = new double[p];
        for (int i = 0; i < n; i++) {
            double[] f = features[i];
            for (int a = 0; a < p; a++) {
                double fa = f[a];
                xty[a] += fa * y[i];
                double[] row = gram[a];
                for (int b = a; b < p; b++) {
                    row[b] += fa * f[b];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < a; b++) {
                gram[a][b] = gram[b][a];
            }
        }
        return pseudoInverseTimes(MatrixUtils.createRealMatrix(gram), xty);
    }

    /** G^+ v for a symmetric positive semi-definite G. */
    static double[] pseudoInverseTimes(RealMatrix g, double[] v) {
        EigenDecomposition eig = new EigenDecomposition(g);
        double[] values = eig.getRealEigenvalues();
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        int p = v.length;
        double[] out = new double[p];
        for (int j = 0; j < values.length; j++) {
            if (values[j] <= RCOND * max) {
                continue;
            }
            double[] u = eig.getEigenvector(j).toArray();
            double dot = 0;
            for (int a = 0; a < p; a++) {
                dot += u[a] * v[a];
            }
            dot /= values[j];
            for (int a = 0; a < p; a++) {
                out[a] += dot * u[a];
            }
        }
        return out;
    }
}
