package io.pretrainbench.asymptotics;

import io.pretrainbench.api.study.DistributionalModel;
import io.pretrainbench.api.study.Prediction;
import io.pretrainbench.api.study.RiskSplit;
import io.pretrainbench.api.study.WeightedChiSquare;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Factor model with probabilistic-PCA pre-training (the paper's second case study). x = A* h + mu, h ~ N(0, I_k), mu ~
 * N(0, I_d), with A* = [diag(sqrt s_1, ..., sqrt s_k); 0] so that A* A*^T has top-k eigenpairs (Sigma* = diag(s), U_1 =
 * the first k coordinates). Pre-training is the maximum-likelihood fit of x ~ N(0, A A^T + I): with the noise variance
 * known (1) and the mean known (0), the PPCA MLE (Tipping and Bishop 1999, eq. 7) is A-hat = U_k (Lambda_k - I)^{1/2},
 * from the top-k eigenpairs of the second-moment matrix. Downstream y = beta*^T h + nu, OLS on the posterior-mean
 * features A^T (I + A A^T)^{-1} x, and sigma^2 = sigma_nu^2 + beta*^T (I + A*^T A*)^{-1} beta*.
 */
public final class FactorModel implements DistributionalModel {
    private final int d;
    private final int k;
    private final double[] loadings;
    private final double[] beta;
    private final double labelNoise;
    private final double sigma2;
    /** f*(x) = E[y | x] = w*^T x with w* = A* (I + A*^T A*)^{-1} beta*. */
    private final double[] target;

    public FactorModel(int d, List<Double> loadings, List<Double> beta, double labelNoise) {
        this.k = loadings.size();
        if (k < 1 || k >= d) {
            throw new IllegalArgumentException("factor-model: loadings has " + k
                    + " entries; give k in [1, d - 1] = [1, " + (d - 1) + "] factor strengths");
        }
        if (beta.size() != k) {
            throw new IllegalArgumentException("factor-model: beta has " + beta.size()
                    + " entries; it needs one per factor (" + k + ", as many as loadings)");
        }
        for (double s : loadings) {
            if (!(s > 0)) {
                throw new IllegalArgumentException(
                        "factor-model: loadings must all be > 0 (eigenvalues of A* A*^T), got " + loadings);
            }
        }
        if (!(labelNoise >= 0)) {
            throw new IllegalArgumentException("factor-model: label_noise = " + labelNoise + " must be >= 0");
        }
        this.d = d;
        this.loadings = loadings.stream().mapToDouble(Double::doubleValue).toArray();
        this.beta = beta.stream().mapToDouble(Double::doubleValue).toArray();
        this.labelNoise = labelNoise;
        this.target = new double[d];
        double bayes = labelNoise;
        for (int b = 0; b < k; b++) {
            // A*^T A* = diag(s), so (I + A*^T A*)^{-1} beta* is beta_b / (1 + s_b) coordinate-wise.
            target[b] = Math.sqrt(this.loadings[b]) * this.beta[b] / (1 + this.loadings[b]);
            bayes += this.beta[b] * this.beta[b] / (1 + this.loadings[b]);
        }
        this.sigma2 = bayes;
    }

    /** The downstream label-noise level sigma^2 (the Bayes risk of the task). */
    public double sigma2() {
        return sigma2;
    }

    /** d_eff: the number of downstream features (OLS coefficients). */
    public int featureCount() {
        return k;
    }

    double[] beta() {
        return beta.clone();
    }

    double labelNoise() {
        return labelNoise;
    }

    /** Draws h and x = A* h + mu into the given arrays. */
    void sampleX(SplittableRandom random, double[] h, double[] x) {
        for (int b = 0; b < k; b++) {
            h[b] = random.nextGaussian();
        }
        for (int j = 0; j < d; j++) {
            x[j] = random.nextGaussian() + (j < k ? Math.sqrt(loadings[j]) * h[j] : 0);
        }
    }

    /** The PPCA maximum-likelihood loading matrix A-hat (d x k) from m fresh samples. */
    double[][] pretrain(int m, SplittableRandom random) {
        double[][] second = new double[d][d];
        double[] h = new double[k];
        double[] x = new double[d];
        for (int t = 0; t < m; t++) {
            sampleX(random, h, x);
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    second[i][j] += x[i] * x[j];
                }
            }
        }
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                second[i][j] /= m;
                second[j][i] = second[i][j];
            }
        }
        EigenDecomposition eig = new EigenDecomposition(MatrixUtils.createRealMatrix(second));
        double[] values = eig.getRealEigenvalues(); // descending
        double[][] a = new double[d][k];
        for (int b = 0; b < k; b++) {
            // Lambda_b <= 1 only when m is far too small to see factor b; the MLE then puts a zero column there.
            double scale = Math.sqrt(Math.max(values[b] - 1, 0));
            double[] u = eig.getEigenvector(b).toArray();
            for (int j = 0; j < d; j++) {
                a[j][b] = u[j] * scale;
            }
        }
        return a;
    }

    /** The feature map F = A^T (I + A A^T)^{-1} = (I + A^T A)^{-1} A^T (push-through identity), k x d. */
    static double[][] featureMap(double[][] a) {
        RealMatrix am = MatrixUtils.createRealMatrix(a);
        RealMatrix inner = MatrixUtils.createRealIdentityMatrix(am.getColumnDimension())
                .add(am.transpose().multiply(am));
        return new LUDecomposition(inner).getSolver().solve(am.transpose()).getData();
    }

    @Override
    public double excessRisk(int n, int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] map = featureMap(pretrain(m, random));
        double[][] features = new double[n][k];
        double[] y = new double[n];
        double[] h = new double[k];
        double[] x = new double[d];
        for (int i = 0; i < n; i++) {
            sampleX(random, h, x);
            double label = Math.sqrt(labelNoise) * random.nextGaussian();
            for (int b = 0; b < k; b++) {
                label += beta[b] * h[b];
            }
            y[i] = label;
            for (int r = 0; r < k; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += map[r][j] * x[j];
                }
                features[i][r] = s;
            }
        }
        return excess(map, MinNormOls.fit(features, y));
    }

    /**
     * R - sigma^2 of the predictor b^T F x = w^T x, w = F^T b: exactly (w - w*)^T Cov(x) (w - w*) with Cov(x) = A* A*^T
     * + I, because y - w*^T x is independent of x (jointly Gaussian).
     */
    double excess(double[][] map, double[] b) {
        return downstream(map).excess(b);
    }

    private LinearFeatures downstream(double[][] map) {
        double[] covariance = new double[d];
        for (int j = 0; j < d; j++) {
            covariance[j] = 1 + (j < k ? loadings[j] : 0);
        }
        return new LinearFeatures(map, covariance, target);
    }

    /** As {@link #excessRisk}, with R averaged over y given x (whose variance is sigma^2) by Proposition B.1. */
    @Override
    public RiskSplit averagedRisk(int n, int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        LinearFeatures downstream = downstream(featureMap(pretrain(m, random)));
        double[][] features = new double[n][];
        double[] f = new double[n];
        double[] h = new double[k];
        for (int i = 0; i < n; i++) {
            double[] x = new double[d];
            sampleX(random, h, x);
            for (int j = 0; j < d; j++) {
                f[i] += target[j] * x[j];
            }
            features[i] = downstream.features(x, new double[k]);
        }
        return downstream.averaged(features, f, sigma2);
    }

    /**
     * The perturbation's entries S_ab / s_b (a > k >= b) are asymptotically independent, and for each a, L(Z)_a = sum_b
     * Delta_ab c_b has the same variance sum_b beta_b^2 / (s_b (1 + s_b)): d - k equal chi^2_1 weights.
     */
    @Override
    public WeightedChiSquare lawOfLSquared() {
        return new WeightedChiSquare(Collections.nCopies(d - k, expectedLSquared() / (d - k)));
    }

    /**
     * The theorem's limit for this estimator, Theorem 5.1 applied directly ({@link #expectedLSquared()}), with
     * Corollary 6.4's printed closed form ({@link #corollary64Limit}) as the second form to show beside it.
     */
    @Override
    public Prediction predict(double alpha) {
        double expected = expectedLSquared();
        return new Prediction(sigma2 * k + expected / alpha, sigma2, k, alpha, expected, corollary64Limit(alpha));
    }

    /**
     * E||L(Z)||^2 from Theorem 5.1 applied directly. Only the span of the top-k eigenvectors of the second-moment
     * matrix S enters the predictor. Writing it as span [I_k; Delta] in the eigenbasis of Cov(x), first-order
     * eigenvector perturbation gives Delta_ab = S_ab / s_b, and sqrt(m) S_ab ~ N(0, 1 + s_b) for a > k >= b (Gaussian
     * fourth moments), so the Cov(x)-weighted approximation error ||Delta c||^2, c = U_1^T w*, has E||L(Z)||^2 = (d -
     * k) sum_b c_b^2 (1 + s_b) / s_b^2 = (d - k) sum_b beta_b^2 / (s_b (1 + s_b)). That is the corollary's norm with an
     * extra Sigma*^-1 inside, (d - k) ||(I + Sigma*)^{-1/2} Sigma*^-1 U_1^T A* beta*||^2 (tested).
     */
    double expectedLSquared() {
        double expected = 0;
        for (int b = 0; b < k; b++) {
            double s = loadings[b];
            expected += beta[b] * beta[b] / (s * (1 + s));
        }
        return expected * (d - k);
    }

    /**
     * The limit as Corollary 6.4 of the paper prints it: sigma^2 k + alpha^-1 ||(I + Sigma*)^{-1/2} U_1^T A* beta*||^2
     * chi^2_{d-k} in expectation, which is (d - k) sum_b beta_b^2 s_b / (1 + s_b); it agrees with
     * {@link #expectedLSquared()} only when every s_b = 1, and the Monte Carlo follows the direct form
     * (docs/asymptotics.md).
     */
    double corollary64Limit(double alpha) {
        double printed = 0;
        for (int b = 0; b < k; b++) {
            double s = loadings[b];
            printed += beta[b] * beta[b] * s / (1 + s);
        }
        return sigma2 * k + printed * (d - k) / alpha;
    }
}
