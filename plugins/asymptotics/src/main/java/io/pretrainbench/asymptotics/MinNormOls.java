package io.pretrainbench.asymptotics;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

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
        int p = features[0].length;
        double[] xty = new double[p];
        for (int i = 0; i < features.length; i++) {
            double[] f = features[i];
            for (int a = 0; a < p; a++) {
                xty[a] += f[a] * y[i];
            }
        }
        return pseudoInverseTimes(gram(features), xty);
    }

    /** Phi^T Phi for the n x p, row-major {@code features}. */
    static RealMatrix gram(double[][] features) {
        int p = features[0].length;
        double[][] gram = new double[p][p];
        for (double[] f : features) {
            for (int a = 0; a < p; a++) {
                double fa = f[a];
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
        return MatrixUtils.createRealMatrix(gram);
    }

    /** tr(S G^+) for symmetric S and positive semi-definite G, with G's null directions cut as in the fit. */
    static double traceWithPseudoInverse(RealMatrix s, RealMatrix g) {
        EigenDecomposition eig = new EigenDecomposition(g);
        double[] values = eig.getRealEigenvalues();
        double max = 0;
        for (double value : values) {
            max = Math.max(max, Math.abs(value));
        }
        double trace = 0;
        for (int j = 0; j < values.length; j++) {
            if (values[j] > RCOND * max) {
                RealVector u = eig.getEigenvector(j);
                trace += s.operate(u).dotProduct(u) / values[j];
            }
        }
        return trace;
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
