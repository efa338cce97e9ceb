package io.pretrainbench.asymptotics;

import io.pretrainbench.api.study.RiskSplit;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * The downstream step of the spectral and factor cases, where the learned features are linear, psi(x) = F x (F k x d),
 * the target is f*(x) = w*^T x, and x has a known diagonal covariance: everything about the risk is in closed form.
 */
final class LinearFeatures {
    private final double[][] map;
    private final double[] covariance;
    private final double[] target;

    /**
     * @param map F, k x d
     * @param covariance the diagonal of Cov(x)
     * @param target w*
     */
    LinearFeatures(double[][] map, double[] covariance, double[] target) {
        this.map = map;
        this.covariance = covariance;
        this.target = target;
    }

    /** R - sigma^2 of the predictor b^T F x = w^T x, w = F^T b: (w - w*)^T Cov(x) (w - w*). */
    double excess(double[] b) {
        int d = target.length;
        double excess = 0;
        for (int j = 0; j < d; j++) {
            double w = 0;
            for (int r = 0; r < map.length; r++) {
                w += map[r][j] * b[r];
            }
            double e = w - target[j];
            excess += e * e * covariance[j];
        }
        return excess;
    }

    /** psi(x) = F x, written into {@code out}. */
    double[] features(double[] x, double[] out) {
        for (int r = 0; r < map.length; r++) {
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                s += map[r][j] * x[j];
            }
            out[r] = s;
        }
        return out;
    }

    /**
     * Proposition B.1 for OLS on {@code phi} (the n x k design's features) with noiseless labels {@code f} = w*^T x:
     * the noiseless fit's excess plus sigma^2 tr(Sigma (Phi^T Phi)^+), Sigma = F Cov(x) F^T; the pre-training part is
     * the excess of the population projection Sigma^+ F Cov(x) w*.
     */
    RiskSplit averaged(double[][] phi, double[] f, double sigma2) {
        int k = map.length;
        double[][] population = new double[k][k];
        double[] cross = new double[k];
        for (int a = 0; a < k; a++) {
            for (int j = 0; j < target.length; j++) {
                cross[a] += map[a][j] * covariance[j] * target[j];
                for (int b = 0; b < k; b++) {
                    population[a][b] += map[a][j] * covariance[j] * map[b][j];
                }
            }
        }
        RealMatrix sigma = MatrixUtils.createRealMatrix(population);
        double variance = sigma2 * MinNormOls.traceWithPseudoInverse(sigma, MinNormOls.gram(phi));
        double bias = excess(MinNormOls.fit(phi, f));
        return new RiskSplit(bias + variance, excess(MinNormOls.pseudoInverseTimes(sigma, cross)), variance);
    }
}
