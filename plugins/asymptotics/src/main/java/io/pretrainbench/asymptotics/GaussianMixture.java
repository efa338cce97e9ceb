package io.pretrainbench.asymptotics;

import io.pretrainbench.api.study.DistributionalModel;
import io.pretrainbench.api.study.Prediction;
import io.pretrainbench.api.study.RiskSplit;
import io.pretrainbench.api.study.WeightedChiSquare;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.EigenDecomposition;
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
 * <p>The target lies in the span of the true features: f*(x) = sum_i pi*_i(x) [a_i^T P* P*^T (x - u*_i) + c_i], with
 * the coefficients of a {@link Target}, and y = f*(x) + noise of variance sigma^2. The exact excess risk E_x[(y-hat(x)
 * - f*(x))^2] has no closed form here, so it is evaluated on a large test sample drawn once from a fixed seed and
 * shared by all replicates (label noise does not enter it).
 */
public final class GaussianMixture implements DistributionalModel {
    /** The downstream target's coefficients (a_i, c_i) on the true features. */
    public sealed interface Target {
        /** Ours: a_i = e_i, c_i = (-1)^i. */
        record Alternating() implements Target {}

        /**
         * The authors' (Appendix K; {@code make_theta_star} of their code, GitHub mtinati/mog-subspace-jax): in the
         * d-dimensional form of the features, [pi_i P (x - u_i), pi_i] with P the projector, every entry of block i
         * (a_i in R^d and c_i) is proportional to 1/i, and the whole coefficient vector has Euclidean norm {@code norm}
         * (10 in their code, 1 in the appendix).
         */
        record Harmonic(double norm) implements Target {}
    }

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
    /** M and V of the limit (see {@link #predict}): one Monte Carlo, computed on first use and kept. */
    private Sensitivity sensitivity;

    private record Sensitivity(RealMatrix m, RealMatrix v) {}

    public GaussianMixture(
            int components,
            int d,
            double separation,
            double sigma2,
            Target target,
            int testSamples,
            int fisherSamples,
            long seed) {
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
        if (target instanceof Target.Harmonic harmonic) {
            // Block i is (w_i 1_d, w_i) with w_i = c / i; (d + 1) sum_i w_i^2 = norm^2 fixes c.
            double sumInverseSquares = 0;
            for (int i = 1; i <= components; i++) {
                sumInverseSquares += 1.0 / ((double) i * i);
            }
            double scale = harmonic.norm() / Math.sqrt((d + 1) * sumInverseSquares);
            for (int i = 0; i < components; i++) {
                double w = scale / (i + 1);
                for (int r = 0; r < q; r++) {
                    double rowSum = 0;
                    for (int j = 0; j < d; j++) {
                        rowSum += basis[r][j];
                    }
                    theta[i * q + r] = w * rowSum; // P*^T a_i with a_i = w_i 1_d
                }
                theta[components * q + i] = w;
            }
        } else {
            for (int i = 0; i < components; i++) {
                for (int r = 0; r < q; r++) {
                    theta[i * q + r] = basis[r][i]; // P*^T a_i with a_i = e_i
                }
                theta[components * q + i] = i % 2 == 0 ? 1 : -1;
            }
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
        return features(x, u, basis, offsets(u, basis), out);
    }

    /** P^T u_i for every component: offsets[i][r] = basis_r . u_i, shared by all x evaluated at the same means. */
    private double[][] offsets(double[][] u, double[][] basis) {
        double[][] offsets = new double[components][basis.length];
        for (int i = 0; i < components; i++) {
            for (int r = 0; r < basis.length; r++) {
                offsets[i][r] = dot(basis[r], u[i]);
            }
        }
        return offsets;
    }

    private double[] features(double[] x, double[][] u, double[][] basis, double[][] offsets, double[] out) {
        int q = components - 1;
        double[] pi = new double[components];
        responsibilities(x, u, pi);
        double[] px = new double[q];
        for (int r = 0; r < q; r++) {
            px[r] = dot(basis[r], x);
        }
        for (int i = 0; i < components; i++) {
            for (int r = 0; r < q; r++) {
                out[i * q + r] = pi[i] * (px[r] - offsets[i][r]);
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

    /**
     * The relabelling of {@code u} closest to the truth (the loss's permutation symmetry) in summed squared distance:
     * an assignment problem, solved exactly by dynamic programming over subsets (K 2^K steps, so K up to 16 stays fast
     * where trying all K! orders would not).
     */
    double[][] align(double[][] u) {
        double[][] cost = new double[components][components];
        for (int i = 0; i < components; i++) {
            for (int e = 0; e < components; e++) {
                for (int j = 0; j < d; j++) {
                    double diff = u[e][j] - truth[i][j];
                    cost[i][e] += diff * diff;
                }
            }
        }
        // best[mask]: the least cost of matching truth rows 0 .. |mask| - 1 to the estimates in mask.
        int full = (1 << components) - 1;
        double[] best = new double[full + 1];
        int[] last = new int[full + 1];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        best[0] = 0;
        for (int mask = 1; mask <= full; mask++) {
            int row = Integer.bitCount(mask) - 1;
            for (int e = 0; e < components; e++) {
                if ((mask & (1 << e)) != 0) {
                    double c = best[mask ^ (1 << e)] + cost[row][e];
                    if (c < best[mask]) {
                        best[mask] = c;
                        last[mask] = e;
                    }
                }
            }
        }
        double[][] aligned = new double[components][];
        for (int mask = full, row = components - 1; row >= 0; row--) {
            aligned[row] = u[last[mask]].clone();
            mask ^= 1 << last[mask];
        }
        return aligned;
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

    /** One replicate's draws up to the labels: the pre-trained means and the downstream design with f* on it. */
    record Draw(double[][] u, double[][] basis, double[][] phi, double[] target) {}

    /** Pre-trains on m fresh samples, then draws the n downstream inputs and their features. */
    Draw draw(int n, int m, SplittableRandom random) {
        double[][] u = pretrain(m, random);
        double[][] basis = basis(u);
        double[][] trueBasis = basis(truth);
        double[][] x = sample(n, random);
        int p = featureCount();
        double[][] phi = new double[n][];
        double[] f = new double[n];
        double[] scratch = new double[p];
        for (int t = 0; t < n; t++) {
            f[t] = dot(features(x[t], truth, trueBasis, scratch), theta);
            phi[t] = features(x[t], u, basis, new double[p]);
        }
        return new Draw(u, basis, phi, f);
    }

    @Override
    public double excessRisk(int n, int m, long replicateSeed) {
        SplittableRandom random = new SplittableRandom(replicateSeed);
        return realisedRisk(draw(n, m, random), random);
    }

    /** R - sigma^2 of OLS on labels f* + noise, the noise drawn from {@code noise}. */
    double realisedRisk(Draw draw, SplittableRandom noise) {
        double[] y = new double[draw.target().length];
        for (int t = 0; t < y.length; t++) {
            y[t] = draw.target()[t] + Math.sqrt(sigma2) * noise.nextGaussian();
        }
        return testError(draw, MinNormOls.fit(draw.phi(), y));
    }

    /** E_x[(b^T psi(x; u-hat) - f*(x))^2] on the shared test sample. */
    private double testError(Draw draw, double[] b) {
        double[][] offsets = offsets(draw.u(), draw.basis());
        double[] scratch = new double[featureCount()];
        double excess = 0;
        for (int t = 0; t < testSamples; t++) {
            double diff = dot(features(testX[t], draw.u(), draw.basis(), offsets, scratch), b) - testTarget[t];
            excess += diff * diff;
        }
        return excess / testSamples;
    }

    @Override
    public RiskSplit averagedRisk(int n, int m, long replicateSeed) {
        return averagedRisk(draw(n, m, new SplittableRandom(replicateSeed)));
    }

    /**
     * Proposition B.1: b-hat = (Phi^T Phi)^+ Phi^T (f + eps) has mean b_f (the noiseless fit) and covariance sigma^2
     * (Phi^T Phi)^+, so E_eps[R] - sigma^2 = ||b_f^T psi - f*||^2 + sigma^2 tr(Sigma (Phi^T Phi)^+), Sigma = E[psi
     * psi^T] at the learned means; both expectations over x on the shared test sample. The pre-training part is the
     * error of the L2 projection of f* on the learned features, on the same sample.
     */
    RiskSplit averagedRisk(Draw draw) {
        int p = featureCount();
        double[][] offsets = offsets(draw.u(), draw.basis());
        double[][] second = new double[p][p];
        double[] cross = new double[p];
        double[] psi = new double[p];
        for (int t = 0; t < testSamples; t++) {
            features(testX[t], draw.u(), draw.basis(), offsets, psi);
            for (int a = 0; a < p; a++) {
                cross[a] += psi[a] * testTarget[t] / testSamples;
                for (int b = a; b < p; b++) {
                    second[a][b] += psi[a] * psi[b] / testSamples;
                }
            }
        }
        symmetrise(second);
        RealMatrix population = MatrixUtils.createRealMatrix(second);
        double bias = testError(draw, MinNormOls.fit(draw.phi(), draw.target()));
        double variance = sigma2 * MinNormOls.traceWithPseudoInverse(population, MinNormOls.gram(draw.phi()));
        double pretraining = testError(draw, MinNormOls.pseudoInverseTimes(population, cross));
        return new RiskSplit(bias + variance, pretraining, variance);
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
        Sensitivity limit = sensitivity();
        double expected = limit.m().multiply(limit.v()).getTrace();
        return new Prediction(
                sigma2 * featureCount() + expected / alpha, sigma2, featureCount(), alpha, expected, Double.NaN);
    }

    /**
     * ||L(Z)||^2 = Z^T M Z with Z ~ N(0, V): a weighted sum of chi^2_1 variables whose weights are the eigenvalues of
     * C^T M C, V = C C^T (Cholesky).
     */
    @Override
    public WeightedChiSquare lawOfLSquared() {
        Sensitivity limit = sensitivity();
        // V is an inverse computed by LU, symmetric up to rounding.
        RealMatrix c =
                new CholeskyDecomposition(limit.v().add(limit.v().transpose()).scalarMultiply(0.5)).getL();
        RealMatrix whitened = c.transpose().multiply(limit.m()).multiply(c);
        double[] values =
                new EigenDecomposition(whitened.add(whitened.transpose()).scalarMultiply(0.5)).getRealEigenvalues();
        List<Double> weights = new ArrayList<>();
        for (double value : values) {
            // M is a Monte-Carlo Schur complement, positive semi-definite up to rounding.
            weights.add(Math.max(value, 0));
        }
        return new WeightedChiSquare(weights);
    }

    private synchronized Sensitivity sensitivity() {
        if (sensitivity == null) {
            sensitivity = computeSensitivity();
        }
        return sensitivity;
    }

    private Sensitivity computeSensitivity() {
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
        double[][][] plusOffsets = new double[kd][][];
        double[][][] minusOffsets = new double[kd][][];
        for (int c = 0; c < kd; c++) {
            plus[c] = truth();
            minus[c] = truth();
            plus[c][c / d][c % d] += DIFFERENCE_STEP;
            minus[c][c / d][c % d] -= DIFFERENCE_STEP;
            plusBasis[c] = basis(plus[c]);
            minusBasis[c] = basis(minus[c]);
            plusOffsets[c] = offsets(plus[c], plusBasis[c]);
            minusOffsets[c] = offsets(minus[c], minusBasis[c]);
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
                g[c] = (dot(features(xt, plus[c], plusBasis[c], plusOffsets[c], scratch), theta)
                                - dot(features(xt, minus[c], minusBasis[c], minusOffsets[c], scratch), theta))
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
        return new Sensitivity(m, v);
    }

    private static void symmetrise(double[][] a) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < i; j++) {
                a[i][j] = a[j][i];
            }
        }
    }
}
