package io.pretrainbench.asymptotics;

import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.Prediction;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Gaussian mixture with EM pre-training (the paper's third case study). x ~ (1/K) sum_i N(beta e_i, I_d); EM fits the K
 * means with the weights (1/K) and covariance (I) known. The pre-training loss is invariant under permutations of the
 * components; the features are equivariant under them, so the downstream OLS fit does not depend on the labelling EM
 * ends in, and {@link #align} maps the estimate to the truth's labelling only for diagnostics. Features (K^2 of them):
 * [pi_i(x) P^T (x - u_i), pi_i(x)] for i = 1..K, with pi_i the posterior responsibilities and P an orthonormal basis of
 * the top-(K-1) eigenspace of the centred means (which is exactly their span, as the centred means sum to zero; the
 * basis is taken from a QR decomposition so it moves smoothly with the means).
 *
 * <p>The target lies in the span of the true features: f*(x) = sum_i pi*_i(x) [a_i^T P* P*^T (x - u*_i) + c_i] with a_i
 * = e_i and c_i = (-1)^i, and y = f*(x) + noise of variance sigma^2. The exact excess risk E_x[(y-hat(x) - f*(x))^2]
 * has no closed form here, so it is evaluated on a large test sample drawn once from a fixed seed and shared by all
 * replicates (label noise does not enter it).
 */
public final class GaussianMixture implements CaseModel {
    private static final double EM_TOLERANCE = 1e-10;
    private static final int EM_MAX_STEPS = 10_000;
    /** Central finite-difference step for the derivative of the target's projection error in the means. */
    private static final double DIFFERENCE_STEP = 1e-5;

    private final int components;
    private final int d;
    private final double separation;
    private final double sigma2;
    private final int testSamples;
    private final int fisherSamples;
    private final long seed;
    private final double[][] truth;
    private final double[] theta;
    private final double[][] testX;
    private final double[] testTarget;

    public GaussianMixture(
            int components, int d, double separation, double sigma2, int testSamples, int fisherSamples, long seed) {
        if (components < 2 || components > d) {
            throw new IllegalArgumentException("gaussian-mixture: components = " + components
                    + " must be in [2, d] = [2, " + d + "] (means beta e_i need components <= d)");
        }
        if (!(separation > 0)) {
            throw new IllegalArgumentException("gaussian-mixture: beta = " + separation + " must be > 0");
        }
        if (!(sigma2 > 0)) {
            throw new IllegalArgumentException("gaussian-mixture: noise_variance = " + sigma2 + " must be > 0");
        }
        this.components = components;
        this.d = d;
        this.separation = separation;
        this.sigma2 = sigma2;
        this.testSamples = testSamples;
        this.fisherSamples = fisherSamples;
        this.seed = seed;
        this.truth = new double[components][d];
        for (int i = 0; i < components; i++) {
            truth[i][i] = separation;
        }
        double[][] basis = basis(truth);
        int q = components - 1;
        this.theta = new double[components * components];
        for (int i = 0; i < components; i++) {
            for (int r = 0; r < q; r++) {
                theta[i * q + r] = basis[r][i]; // P*^T a_i with a_i = e_i
            }
            theta[components * q + i] = i % 2 == 0 ? 1 : -1;
        }
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed ^ 0x7E57L));
        this.testX = sample(testSamples, random);
        this.testTarget = new double[testSamples];
        double[] psi = new double[components * components];
        for (int t = 0; t < testSamples; t++) {
            testTarget[t] = dot(features(testX[t], truth, basis, psi), theta);
        }
    }

    /** The downstream label-noise level sigma^2 (the Bayes risk of the task). */
    public double sigma2() {
        return sigma2;
    }

    /** d_eff: the number of downstream features (OLS coefficients). */
    public int featureCount() {
        return components * components;
    }

    double[][] truth() {
        double[][] copy = new double[components][];
        for (int i = 0; i < components; i++) {
            copy[i] = truth[i].clone();
        }
        return copy;
    }

    private double[][] sample(int count, SplittableRandom random) {
        double[][] x = new double[count][d];
        for (int t = 0; t < count; t++) {
            int z = random.nextInt(components);
            for (int j = 0; j < d; j++) {
                x[t][j] = random.nextGaussian() + (j == z ? separation : 0);
            }
        }
        return x;
    }

    /** Posterior responsibilities pi_i(x) under means u, equal weights and identity covariance. */
    private void responsibilities(double[] x, double[][] u, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < components; i++) {
            double logit = 0;
            for (int j = 0; j < d; j++) {
                logit += u[i][j] * (x[j] - 0.5 * u[i][j]);
            }
            out[i] = logit;
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (int i = 0; i < components; i++) {
            out[i] = Math.exp(out[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < components; i++) {
            out[i] /= sum;
        }
    }

    /**
     * Orthonormal basis (K-1 rows of length d) of the span of the centred means, signs fixed so R has a positive
     * diagonal.
     */
    double[][] basis(double[][] u) {
        int q = components - 1;
        double[] mean = new double[d];
        for (double[] ui : u) {
            for (int j = 0; j < d; j++) {
                mean[j] += ui[j] / components;
            }
        }
        RealMatrix centred = MatrixUtils.createRealMatrix(d, q);
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < d; j++) {
                centred.setEntry(j, i, u[i][j] - mean[j]);
            }
        }
        QRDecomposition qr = new QRDecomposition(centred);
        RealMatrix qm = qr.getQ();
        RealMatrix rm = qr.getR();
        double[][] p = new double[q][d];
        for (int r = 0; r < q; r++) {
            double sign = Math.signum(rm.getEntry(r, r)) < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) {
                p[r][j] = sign * qm.getEntry(j, r);
            }
        }
        return p;
    }

    /** psi(x; u): K^2 features, written into {@code out}. */
    double[] features(double[] x, double[][] u, double[][] basis, double[] out) {
        int q = components - 1;
        double[] pi = new double[components];
        responsibilities(x, u, pi);
        double[] px = new double[q];
        for (int r = 0; r < q; r++) {
            px[r] = dot(basis[r], x);
        }
        for (int i = 0; i < components; i++) {
            for (int r = 0; r < q; r++) {
                out[i * q + r] = pi[i] * (px[r] - dot(basis[r], u[i]));
            }
            out[components * q + i] = pi[i];
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /** EM for the means from {@code start}; returns the fixed point (to EM_TOLERANCE in every coordinate). */
    double[][] em(double[][] x, double[][] start) {
        double[][] u = start;
        double[] pi = new double[components];
        for (int step = 0; step < EM_MAX_STEPS; step++) {
            double[][] sum = new double[components][d];
            double[] weight = new double[components];
            for (double[] xt : x) {
                responsibilities(xt, u, pi);
                for (int i = 0; i < components; i++) {
                    weight[i] += pi[i];
                    double[] si = sum[i];
                    double p = pi[i];
                    for (int j = 0; j < d; j++) {
                        si[j] += p * xt[j];
                    }
                }
            }
            double change = 0;
            for (int i = 0; i < components; i++) {
                for (int j = 0; j < d; j++) {
                    sum[i][j] /= weight[i];
                    change = Math.max(change, Math.abs(sum[i][j] - u[i][j]));
                }
            }
            u = sum;
            if (change < EM_TOLERANCE) {
                return u;
            }
        }
        throw new IllegalStateException(
                "gaussian-mixture: EM did not converge in " + EM_MAX_STEPS + " steps on " + x.length + " samples");
    }

    /** The relabelling of {@code u} closest to the truth (the loss's permutation symmetry), by exhaustive search. */
    double[][] align(double[][] u) {
        int[] best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        int[] perm = new int[components];
        for (int i = 0; i < components; i++) {
            perm[i] = i;
        }
        do {
            double cost = 0;
            for (int i = 0; i < components; i++) {
                for (int j = 0; j < d; j++) {
                    double diff = u[perm[i]][j] - truth[i][j];
                    cost += diff * diff;
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = perm.clone();
            }
        } while (nextPermutation(perm));
        double[][] aligned = new double[components][];
        for (int i = 0; i < components; i++) {
            aligned[i] = u[best[i]].clone();
        }
        return aligned;
    }

    private static boolean nextPermutation(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
        return true;
    }

    /** EM on m fresh samples, started from the true means in a random labelling, then aligned to the truth. */
    double[][] pretrain(int m, SplittableRandom random) {
        double[][] x = sample(m, random);
        double[][] start = new double[components][];
        int[] order = new int[components];
        for (int i = 0; i < components; i++) {
            order[i] = i;
        }
        for (int i = components - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int i = 0; i < components; i++) {
            start[i] = truth[order[i]].clone();
        }
        return align(em(x, start));
    }

    @Override
    public double excessRisk(int n, int m, long replicateSeed) {
        SplittableRandom random = new SplittableRandom(replicateSeed);
        double[][] u = pretrain(m, random);
        double[][] basis = basis(u);
        double[][] trueBasis = basis(truth);
        double[][] x = sample(n, random);
        int p = featureCount();
        double[][] phi = new double[n][];
        double[] y = new double[n];
        double[] scratch = new double[p];
        for (int t = 0; t < n; t++) {
            y[t] = dot(features(x[t], truth, trueBasis, scratch), theta) + Math.sqrt(sigma2) * random.nextGaussian();
            phi[t] = features(x[t], u, basis, new double[p]);
        }
        double[] b = MinNormOls.fit(phi, y);
        double excess = 0;
        for (int t = 0; t < testSamples; t++) {
            double diff = dot(features(testX[t], u, basis, scratch), b) - testTarget[t];
            excess += diff * diff;
        }
        return excess / testSamples;
    }

    /**
     * The theorem's limit, with E||L(Z)||^2 by Monte Carlo over {@code fisher_samples} points. EM converges to the MLE
     * of the means, so sqrt(m) (u-hat - u*) ~ N(0, V) with V = I^{-1}, I = E[s s^T] the Fisher information of the
     * scores s_i = pi_i(x) (x - u_i). A perturbation delta of the means moves the feature span; to first order the
     * target's approximation error is ||(I - Pi*) G delta||^2, G_j = d/du_j [psi(x; u)^T theta*] and Pi* the L2(P_x)
     * projection on the true features, so E||L||^2 = tr(M V), M = E[G G^T] - E[G psi^T] E[psi psi^T]^{-1} E[psi G^T].
     */
    @Override
    public Prediction predict(double alpha) {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed ^ 0xF15E7L));
        double[][] x = sample(fisherSamples, random);
        int kd = components * d;
        int p = featureCount();
        double[][] fisher = new double[kd][kd];
        double[][] ggt = new double[kd][kd];
        double[][] gpsi = new double[kd][p];
        double[][] psipsi = new double[p][p];
        double[][] trueBasis = basis(truth);
        double[][][] plus = new double[kd][][];
        double[][][] minus = new double[kd][][];
        double[][][] plusBasis = new double[kd][][];
        double[][][] minusBasis = new double[kd][][];
        for (int c = 0; c < kd; c++) {
            plus[c] = truth();
            minus[c] = truth();
            plus[c][c / d][c % d] += DIFFERENCE_STEP;
            minus[c][c / d][c % d] -= DIFFERENCE_STEP;
            plusBasis[c] = basis(plus[c]);
            minusBasis[c] = basis(minus[c]);
        }
        double[] pi = new double[components];
        double[] score = new double[kd];
        double[] g = new double[kd];
        double[] psi = new double[p];
        double[] scratch = new double[p];
        for (double[] xt : x) {
            responsibilities(xt, truth, pi);
            for (int i = 0; i < components; i++) {
                for (int j = 0; j < d; j++) {
                    score[i * d + j] = pi[i] * (xt[j] - truth[i][j]);
                }
            }
            features(xt, truth, trueBasis, psi);
            for (int c = 0; c < kd; c++) {
                g[c] = (dot(features(xt, plus[c], plusBasis[c], scratch), theta)
                                - dot(features(xt, minus[c], minusBasis[c], scratch), theta))
                        / (2 * DIFFERENCE_STEP);
            }
            for (int a = 0; a < kd; a++) {
                for (int b = a; b < kd; b++) {
                    fisher[a][b] += score[a] * score[b];
                    ggt[a][b] += g[a] * g[b];
                }
                for (int b = 0; b < p; b++) {
                    gpsi[a][b] += g[a] * psi[b];
                }
            }
            for (int a = 0; a < p; a++) {
                for (int b = a; b < p; b++) {
                    psipsi[a][b] += psi[a] * psi[b];
                }
            }
        }
        symmetrise(fisher);
        symmetrise(ggt);
        symmetrise(psipsi);
        RealMatrix gp = MatrixUtils.createRealMatrix(gpsi);
        RealMatrix projected = gp.multiply(new LUDecomposition(MatrixUtils.createRealMatrix(psipsi))
                .getSolver()
                .solve(gp.transpose()));
        RealMatrix m = MatrixUtils.createRealMatrix(ggt).subtract(projected).scalarMultiply(1.0 / fisherSamples);
        RealMatrix v = new LUDecomposition(MatrixUtils.createRealMatrix(fisher).scalarMultiply(1.0 / fisherSamples))
                .getSolver()
                .getInverse();
        double expected = m.multiply(v).getTrace();
        return new Prediction(sigma2 * p + expected / alpha, sigma2, p, alpha, expected, Double.NaN);
    }

    private static void symmetrise(double[][] a) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
        }
    }
}
