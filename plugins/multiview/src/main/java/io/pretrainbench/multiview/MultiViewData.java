package io.pretrainbench.multiview;

import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The multi-view data distribution of Allen-Zhu &amp; Li (2020, arXiv 2012.09816, Def. 3.1 / Sec. 2.3) that Pan, Zhou
 * &amp; Yan (ICLR 2023, arXiv 2206.03826, Sec. 3, "data distribution") build on. Pure Java, deterministic in a seed.
 *
 * <p>k classes; class i has {@code features_per_class} features v_{i,1..F}, all 2k (or Fk) of them orthonormal in ℝ^d.
 * A sample X = (x_1, …, x_P) with label y has P patches. Each feature v present in X owns a disjoint set P_v(X) of
 * {@code patches_per_feature} patches, and every patch p is
 *
 * <pre>  x_p = z_p·v + Σ_{v′ ∈ V} α_{p,v′}·v′ + ξ_p   (p ∈ P_v(X)),   x_p = Σ α_{p,v′}·v′ + ξ_p   (other patches)</pre>
 *
 * with feature noise α_{p,v′} ~ U[0, γ] on every feature (γ = {@code feature_noise}) and Gaussian noise ξ_p ~ N(0, σ_p²
 * I_d) (σ_p = {@code noise_std}). The weights z_p ≥ 0 of one feature are a random split of a total Σ_{p ∈ P_v} z_p:
 *
 * <ul>
 *   <li>multi-view samples (fraction 1 − μ): every feature of class y with total in [1, {@code weight_max}];
 *   <li>single-view samples (fraction μ = {@code single_view_fraction}): one feature v_{y,l̂} (l̂ uniform) with total
 *       in [1, weight_max], the others of class y with total ρ = {@code weak_weight};
 *   <li>every feature of another class appears independently with probability s/k ({@code sparsity} = s) with total in
 *       [{@code other_weight}/2, other_weight] (A&amp;L: in [Ω(1), 0.4]).
 * </ul>
 *
 * <p>The features are the first Fk columns of a uniformly random rotation (QR of a Gaussian matrix, from the seed) or,
 * with {@code rotate = false}, the standard basis e_1 … e_{Fk}. Orthonormality is all the theory needs, and gradient
 * descent from an isotropic Gaussian initialisation is rotation-equivariant, so the basis would be WLOG for it; Adam,
 * which the fine-tuning protocols use, is coordinate-wise and is not, so the default rotates: a coordinate-aligned
 * feature would otherwise get its own adaptive step size, which the theory does not model.
 */
public final class MultiViewData {
    /** Enters every checksum: bump when the same parameters would generate other numbers. */
    static final String GENERATOR_VERSION = "multiview-1";

    /** The parameters shared by the corpus and the task (and read from the cell's task by {@code feature-coverage}). */
    static final List<ParameterSpec> FEATURE_PARAMETERS = List.of(
            ParameterSpec.integer("classes", 10, 2, 1000, "number of classes k"),
            ParameterSpec.integer("features_per_class", 2, 2, 8, "discriminative features per class (the paper: 2)"),
            ParameterSpec.integer(
                    "dimension", 200, 4, 8192, "patch dimension d (at least classes × features_per_class)"),
            ParameterSpec.integer(
                    "seed",
                    0,
                    0,
                    Integer.MAX_VALUE,
                    "data seed: the features and every sample derive from it (corpus and task draw separate samples)"),
            ParameterSpec.bool(
                    "rotate",
                    true,
                    "features are a fixed random orthonormal set (true) or the standard basis vectors (false)"));

    static final List<ParameterSpec> SAMPLE_PARAMETERS = List.of(
            ParameterSpec.integer("patches", 30, 2, 4096, "patches P per sample"),
            ParameterSpec.integer("patches_per_feature", 3, 1, 64, "patches |P_v(X)| carrying each present feature"),
            ParameterSpec.real("single_view_fraction", 0.2, 0.0, 1.0, "fraction μ of single-view samples"),
            ParameterSpec.real(
                    "weight_max", 2.0, 1.0, 100.0, "total weight Σ z_p of a main feature lies in [1, weight_max]"),
            ParameterSpec.real(
                    "weak_weight", 0.1, 0.0, 1.0, "total weight ρ of the missing features of a single-view sample"),
            ParameterSpec.real(
                    "sparsity", 1.0, 0.0, 1000.0, "s: each feature of another class appears with probability s/k"),
            ParameterSpec.real(
                    "other_weight",
                    0.4,
                    0.0,
                    1.0,
                    "total weight of another class's feature lies in [other_weight/2, other_weight]"),
            ParameterSpec.real("feature_noise", 0.01, 0.0, 1.0, "γ: feature noise α_{p,v} ~ U[0, γ] on every feature"),
            ParameterSpec.real("noise_std", 0.05, 0.0, 10.0, "σ_p: Gaussian patch noise ξ_p ~ N(0, σ_p² I)"));

    /** Which samples a split holds. */
    enum View {
        ALL,
        SINGLE,
        MULTI
    }

    /** The feature set of one data model: row (i·F + l) is v_{i,l}. */
    record Features(int classes, int perClass, int dimension, double[][] vectors) {
        double[] vector(int cls, int l) {
            return vectors[cls * perClass + l];
        }
    }

    /** Generated samples: values row-major [count, P, d], labels, and which samples are single-view. */
    record Samples(float[] values, int[] labels, boolean[] singleView, int patches, int dimension) {
        int count() {
            return labels.length;
        }
    }

    private final Features features;
    private final int patches;
    private final int patchesPerFeature;
    private final double mu;
    private final double weightMax;
    private final double rho;
    private final double otherProbability;
    private final double otherWeight;
    private final double gamma;
    private final double sigma;
    private final long seed;

    private MultiViewData(Parameters p) {
        this.features = features(p);
        this.patches = p.getInt("patches");
        this.patchesPerFeature = p.getInt("patches_per_feature");
        this.mu = p.getDouble("single_view_fraction");
        this.weightMax = p.getDouble("weight_max");
        this.rho = p.getDouble("weak_weight");
        this.otherProbability = Math.min(1.0, p.getDouble("sparsity") / features.classes());
        this.otherWeight = p.getDouble("other_weight");
        this.gamma = p.getDouble("feature_noise");
        this.sigma = p.getDouble("noise_std");
        this.seed = p.getLong("seed");
        if (patchesPerFeature * features.perClass() > patches) {
            throw new InvalidParameterException(
                    "patches",
                    patches + " patches cannot hold " + features.perClass()
                            + " features × " + patchesPerFeature + " patches_per_feature; use at least "
                            + patchesPerFeature * features.perClass());
        }
    }

    /** The data model of validated corpus or task parameters (those of {@link #FEATURE_PARAMETERS} and samples). */
    static MultiViewData of(Parameters p) {
        return new MultiViewData(p);
    }

    Features features() {
        return features;
    }

    /**
     * The features of a data model with these parameters ({@link #FEATURE_PARAMETERS}); the estimator rebuilds them
     * from the cell's task's values.
     */
    static Features features(Parameters p) {
        return features(
                p.getInt("classes"),
                p.getInt("features_per_class"),
                p.getInt("dimension"),
                p.getLong("seed"),
                p.getBoolean("rotate"));
    }

    static Features features(int classes, int perClass, int dimension, long seed, boolean rotate) {
        int count = classes * perClass;
        if (count > dimension) {
            throw new InvalidParameterException(
                    "dimension",
                    dimension + " is too small for " + classes + " classes × " + perClass
                            + " features_per_class orthonormal features; use at least " + count);
        }
        double[][] v = new double[count][dimension];
        if (!rotate) {
            for (int j = 0; j < count; j++) {
                v[j][j] = 1;
            }
            return new Features(classes, perClass, dimension, v);
        }
        // Gram–Schmidt on Gaussian vectors = the first columns of a Haar-random orthogonal matrix (QR of a Gaussian).
        SplittableRandom random = stream(seed, 0);
        for (int j = 0; j < count; j++) {
            double[] g = v[j];
            for (int t = 0; t < dimension; t++) {
                g[t] = gaussian(random);
            }
            for (int pass = 0; pass < 2; pass++) { // twice is enough for orthogonality to machine precision
                for (int i = 0; i < j; i++) {
                    double dot = dot(g, v[i]);
                    for (int t = 0; t < dimension; t++) {
                        g[t] -= dot * v[i][t];
                    }
                }
            }
            double norm = Math.sqrt(dot(g, g));
            for (int t = 0; t < dimension; t++) {
                g[t] /= norm;
            }
        }
        return new Features(classes, perClass, dimension, v);
    }

    /**
     * {@code count} samples of one split; labels cycle through the classes (balanced), the view is drawn per sample
     * ({@link View#ALL}) or forced. {@code stream} selects an independent random stream (corpus, train, test).
     */
    Samples generate(int count, View view, int stream) {
        int d = features.dimension();
        int k = features.classes();
        int f = features.perClass();
        float[] values = new float[Math.multiplyExact(Math.multiplyExact(count, patches), d)];
        int[] labels = new int[count];
        boolean[] single = new boolean[count];
        SplittableRandom random = stream(seed, stream);
        double[] patch = new double[d];
        int[] order = new int[patches];
        double[] weights = new double[patches];
        int[] owner = new int[patches]; // feature index owning each patch, −1 for a pure noise patch
        for (int s = 0; s < count; s++) {
            int y = s % k;
            labels[s] = y;
            single[s] = switch (view) {
                case SINGLE -> true;
                case MULTI -> false;
                case ALL -> random.nextDouble() < mu;
            };
            int kept = single[s] ? random.nextInt(f) : -1;
            for (int p = 0; p < patches; p++) {
                order[p] = p;
            }
            shuffle(order, random);
            java.util.Arrays.fill(owner, -1);
            java.util.Arrays.fill(weights, 0);
            int next = 0;
            for (int l = 0; l < f; l++) {
                double total = !single[s] || l == kept ? uniform(random, 1, weightMax) : rho;
                next = place(y * f + l, total, order, next, owner, weights, random);
            }
            // Features of other classes, each with probability s/k, while patches remain.
            for (int j = 0; j < k * f; j++) {
                if (j / f == y || random.nextDouble() >= otherProbability) {
                    continue;
                }
                if (next + patchesPerFeature > patches) {
                    break;
                }
                next = place(j, uniform(random, otherWeight / 2, otherWeight), order, next, owner, weights, random);
            }
            for (int p = 0; p < patches; p++) {
                java.util.Arrays.fill(patch, 0);
                if (owner[p] >= 0) {
                    axpy(weights[p], features.vectors()[owner[p]], patch);
                }
                if (gamma > 0) {
                    for (double[] v : features.vectors()) {
                        axpy(gamma * random.nextDouble(), v, patch);
                    }
                }
                int base = (s * patches + p) * d;
                for (int t = 0; t < d; t++) {
                    values[base + t] = (float) (patch[t] + (sigma > 0 ? sigma * gaussian(random) : 0));
                }
            }
        }
        return new Samples(values, labels, single, patches, d);
    }

    /** Gives feature {@code j} the next patches of {@code order}, splitting {@code total} among them at random. */
    private int place(
            int j, double total, int[] order, int next, int[] owner, double[] weights, SplittableRandom random) {
        double[] shares = new double[patchesPerFeature];
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            shares[i] = -Math.log(
                    1 - random.nextDouble()); // exponential shares: a uniform split of the total (Dirichlet 1)
            sum += shares[i];
        }
        for (int i = 0; i < shares.length; i++) {
            owner[order[next + i]] = j;
            weights[order[next + i]] = total * shares[i] / sum;
        }
        return next + patchesPerFeature;
    }

    /** Parameter names of the data model, for the checksum and for the estimator's consistency. */
    static List<ParameterSpec> allParameters() {
        List<ParameterSpec> all = new ArrayList<>(FEATURE_PARAMETERS);
        all.addAll(SAMPLE_PARAMETERS);
        return all;
    }

    static SplittableRandom stream(long seed, int stream) {
        // SplittableRandom's own mixing of (seed, stream) keeps the streams independent and platform-free.
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + stream);
    }

    private static double gaussian(SplittableRandom random) {
        // Box–Muller, so the stream does not depend on java.util.Random's cached second value.
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double uniform(SplittableRandom random, double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }
}
