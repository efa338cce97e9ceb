package io.pretrainbench.bounds;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Magnitude-aware PAC-Bayesian flatness, after Jiang et al. ("Fantastic Generalization Measures and Where to Find
 * Them", ICLR 2020, §C.3 "pac-bayes-mag-flatness" / "pac-bayes-mag-init"), with the PAC-Bayes bound it implies.
 *
 * <p><b>The search.</b> Every weight of the predictor (all encoder weights and the head's kernel and bias) is perturbed
 * as w_i + s_i·z_i, z_i ~ N(0, 1), with the magnitude-aware scale s_i² = σ²·w_i² + ε². The flatness σ* is the largest σ
 * in [0, {@code sigma_max}] whose mean training accuracy over {@code draws} perturbations drops by at most
 * {@code threshold} from the unperturbed model's, found by {@code iterations} bisection steps. The draws z are fixed
 * across σ (common random numbers), so the accuracy is a deterministic function of σ and the search is reproducible for
 * a seed. The perturbed encoder is re-evaluated through the encoder itself ({@code encoder.withWeights}), so any
 * architecture works. With {@code perturb=head} only the head is perturbed and the encoder is part of the prior: valid
 * when the encoder did not see the downstream sample (a linear probe), and then a much smaller KL.
 *
 * <p><b>The bound.</b> Posterior Q = N(w, diag(s_i²)) at σ*, prior P = N(w⁰, p²I), with w⁰ the pre-trained encoder's
 * weights and a zero head — both fixed before the downstream sample is seen — and p² = (Σ s_i² + ‖w − w⁰‖²)/d, the
 * isotropic variance that minimises KL(Q‖P), which then is ½·(d·ln p² − Σ ln s_i²). McAllester's bound in Maurer's form
 * gives, with probability 1 − δ,
 *
 * <pre>  L(Q) ≤ L̂(Q) + √((KL(Q‖P) + ln(2√n/δ)) / (2n))</pre>
 *
 * and the value is the gap bound L̂(Q) − L̂(w) + √(…): it bounds the gap of the Gaussian-perturbed network, and serves
 * as a measure for the deterministic one, as in Jiang et al. Approximations: L̂(Q) is estimated by the draws on at most
 * {@code max_examples} training examples; choosing p² and σ* from the data would cost a union bound over a grid
 * (Dziugaite &amp; Roy 2017), of order ln(grid size)/n inside the root, omitted.
 *
 * <p>Components: {@code sigma} (σ*), {@code flatness} (1/σ*², Jiang et al.'s "pac-bayes-mag-flatness"; absent when σ* =
 * 0), {@code kl}, the accuracies, and {@code saturated} = 1 when even {@code sigma_max} kept the drop within the
 * threshold.
 */
public final class PacBayesFlatness implements BoundEstimator {
    private static final int FEATURE_BATCH = 256;

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "pac-bayes-flatness",
            "1.0.0",
            "Magnitude-aware PAC-Bayes flatness: largest relative Gaussian weight noise within an accuracy drop,"
                    + " and its bound.",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.real(
                            "threshold", 0.1, 1e-4, 1.0, "largest allowed drop of the mean training accuracy"),
                    ParameterSpec.integer("draws", 3, 1, 1000, "noise draws per sigma"),
                    ParameterSpec.integer("iterations", 8, 1, 60, "bisection steps"),
                    ParameterSpec.real(
                            "sigma_max", 1.0, 1e-6, 100.0, "upper end of the search for the relative noise sigma"),
                    ParameterSpec.real(
                            "epsilon", 1e-3, 0.0, 1.0, "absolute noise floor epsilon of the magnitude-aware scale"),
                    Margins.DELTA,
                    ParameterSpec.integer(
                            "max_examples",
                            1000,
                            1,
                            1_000_000,
                            "training examples the perturbed accuracy is measured on (a seeded subset when there"
                                    + " are more)"),
                    ParameterSpec.choice(
                            "perturb",
                            "all",
                            List.of("all", "head"),
                            "all: every weight (Jiang et al.); head: the head only, the encoder kept as the prior's"
                                    + " (for frozen encoders)")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public BoundEstimate estimate(EstimationContext context) {
        Parameters p = context.params();
        FittedHead head = FittedHead.of(context, DESCRIPTOR.name());
        double epsilon = p.getDouble("epsilon");
        if (epsilon == 0 && p.getDouble("sigma_max") == 0) {
            throw new IllegalArgumentException("pac-bayes-flatness: epsilon and sigma_max cannot both be 0");
        }
        boolean encoderToo = "all".equals(p.getString("perturb"));
        if (!encoderToo
                && !context.encoder()
                        .state()
                        .weights()
                        .equals(context.pretrainedEncoder().state().weights())) {
            throw new IllegalArgumentException(
                    "pac-bayes-flatness: perturb=head keeps the encoder in the prior, which must"
                            + " not depend on the downstream sample, but this cell's protocol trained the encoder;"
                            + " use perturb=all");
        }
        int[] rows = subset(context.train().count(), p.getInt("max_examples"), context.seed());
        Examples sample = context.train().subset(rows);
        int[] labels = sample.labels();
        FeatureMatrix features = rowsOf(context.trainFeatures(), rows);
        Model model = new Model(context, head, encoderToo, features);
        double baseAccuracy = accuracy(head.logits(features), labels);

        List<float[]> noise = new ArrayList<>();
        for (int r = 0; r < p.getInt("draws"); r++) {
            noise.add(model.gaussian(new SplittableRandom(context.seed() * 1_000_003L + r)));
        }
        double threshold = p.getDouble("threshold");
        double lo = 0;
        double hi = p.getDouble("sigma_max");
        double hiAccuracy = model.perturbedAccuracy(hi, epsilon, noise, sample, labels);
        boolean saturated = baseAccuracy - hiAccuracy <= threshold;
        double sigma;
        double accuracyAtSigma;
        if (saturated) {
            sigma = hi;
            accuracyAtSigma = hiAccuracy;
        } else {
            accuracyAtSigma = Double.NaN;
            for (int i = 0; i < p.getInt("iterations"); i++) {
                double mid = (lo + hi) / 2;
                double a = model.perturbedAccuracy(mid, epsilon, noise, sample, labels);
                if (baseAccuracy - a <= threshold) {
                    lo = mid;
                    accuracyAtSigma = a;
                } else {
                    hi = mid;
                }
            }
            sigma = lo;
            if (Double.isNaN(accuracyAtSigma)) { // no step succeeded: σ* = 0, measure the ε-only posterior
                accuracyAtSigma = model.perturbedAccuracy(0, epsilon, noise, sample, labels);
            }
        }

        int n = context.train().count();
        double kl = model.kl(sigma, epsilon);
        double confidence = Math.sqrt((kl + Math.log(2 * Math.sqrt(n) / p.getDouble("delta"))) / (2.0 * n));
        double value = (1 - accuracyAtSigma) - (1 - baseAccuracy) + confidence;

        Map<String, Double> c = new LinkedHashMap<>();
        c.put("n", (double) n);
        c.put("examples_measured", (double) rows.length);
        c.put("parameters", (double) model.size());
        c.put("sigma", sigma);
        if (sigma > 0) {
            c.put("flatness", 1 / (sigma * sigma));
        }
        c.put("saturated", saturated ? 1.0 : 0.0);
        c.put("train_accuracy", baseAccuracy);
        c.put("perturbed_accuracy", accuracyAtSigma);
        c.put("kl", kl);
        c.put("distance_from_prior", Math.sqrt(model.distanceSquared()));
        c.put("complexity_term", confidence);
        return new BoundEstimate(value, c);
    }

    /**
     * The perturbed weights as one vector — the encoder's (unless only the head is perturbed) and the head's — with the
     * prior mean, and re-evaluation of perturbed copies.
     */
    private static final class Model {
        private final EstimationContext context;
        private final FittedHead head;
        /** The sample's features when the encoder is not perturbed; null otherwise. */
        private final FeatureMatrix fixedFeatures;

        private final List<String> names = new ArrayList<>();
        private final List<WeightTensor> tensors = new ArrayList<>();
        private final List<float[]> priors = new ArrayList<>();
        private final int size;

        Model(EstimationContext context, FittedHead head, boolean encoderToo, FeatureMatrix features) {
            this.context = context;
            this.head = head;
            this.fixedFeatures = encoderToo ? null : features;
            Weights initial = context.pretrainedEncoder().state().weights();
            int total = 0;
            Map<String, WeightTensor> encoderWeights =
                    encoderToo ? context.encoder().state().weights().tensors() : Map.of();
            for (Map.Entry<String, WeightTensor> e : encoderWeights.entrySet()) {
                WeightTensor prior = initial.tensors().get(e.getKey());
                if (prior == null || prior.size() != e.getValue().size()) {
                    throw new IllegalArgumentException("pac-bayes-flatness: encoder weight '" + e.getKey()
                            + "' has no counterpart of its size in the pre-trained encoder, the prior's mean");
                }
                names.add(e.getKey());
                tensors.add(e.getValue());
                priors.add(prior.values());
                total += e.getValue().size();
            }
            this.size = total + head.kernel().length + head.bias().length;
        }

        int size() {
            return size;
        }

        /** One standard normal per weight, encoder weights first, then head kernel and bias. */
        float[] gaussian(SplittableRandom random) {
            float[] z = new float[size];
            for (int i = 0; i < size; i++) {
                z[i] = (float) random.nextGaussian();
            }
            return z;
        }

        double perturbedAccuracy(double sigma, double epsilon, List<float[]> noise, Examples sample, int[] labels) {
            double total = 0;
            for (float[] z : noise) {
                Map<String, WeightTensor> perturbed = new LinkedHashMap<>();
                int offset = 0;
                for (int t = 0; t < tensors.size(); t++) {
                    float[] w = tensors.get(t).values();
                    perturb(w, z, offset, sigma, epsilon);
                    offset += w.length;
                    perturbed.put(names.get(t), new WeightTensor(tensors.get(t).shape(), w));
                }
                float[] kernel = head.kernel().clone();
                perturb(kernel, z, offset, sigma, epsilon);
                offset += kernel.length;
                float[] bias = head.bias().clone();
                perturb(bias, z, offset, sigma, epsilon);
                FeatureMatrix features = fixedFeatures != null
                        ? fixedFeatures
                        : EncoderFeatures.compute(
                                context.encoder().withWeights(new Weights(perturbed)),
                                sample,
                                Compute.cpu(1),
                                FEATURE_BATCH);
                total += accuracy(head.logits(features, kernel, bias), labels);
            }
            return total / noise.size();
        }

        private static void perturb(float[] w, float[] z, int offset, double sigma, double epsilon) {
            for (int i = 0; i < w.length; i++) {
                double s = Math.sqrt(sigma * sigma * w[i] * w[i] + epsilon * epsilon);
                w[i] = (float) (w[i] + s * z[offset + i]);
            }
        }

        /** ‖w − w⁰‖² with the pre-trained encoder and a zero head as w⁰. */
        double distanceSquared() {
            double d = 0;
            for (int t = 0; t < tensors.size(); t++) {
                float[] w = tensors.get(t).values();
                float[] w0 = priors.get(t);
                for (int i = 0; i < w.length; i++) {
                    double x = w[i] - w0[i];
                    d += x * x;
                }
            }
            return d + SignedSums.sumOfSquares(head.kernel()) + SignedSums.sumOfSquares(head.bias());
        }

        /** KL(N(w, diag s²) ‖ N(w⁰, p²I)) at the KL-minimising p² = (Σ s² + ‖w − w⁰‖²)/d: ½(d ln p² − Σ ln s²). */
        double kl(double sigma, double epsilon) {
            double sumVariance = 0;
            double sumLogVariance = 0;
            for (WeightTensor t : tensors) {
                java.nio.FloatBuffer b = t.buffer();
                while (b.hasRemaining()) {
                    double v = variance(b.get(), sigma, epsilon);
                    sumVariance += v;
                    sumLogVariance += Math.log(v);
                }
            }
            for (float[] w : List.of(head.kernel(), head.bias())) {
                for (float x : w) {
                    double v = variance(x, sigma, epsilon);
                    sumVariance += v;
                    sumLogVariance += Math.log(v);
                }
            }
            double prior = (sumVariance + distanceSquared()) / size;
            return Math.max(0, 0.5 * (size * Math.log(prior) - sumLogVariance));
        }

        private static double variance(double w, double sigma, double epsilon) {
            return sigma * sigma * w * w + epsilon * epsilon;
        }
    }

    static double accuracy(double[][] logits, int[] labels) {
        int correct = 0;
        for (int i = 0; i < logits.length; i++) {
            int best = 0;
            for (int c = 1; c < logits[i].length; c++) {
                best = logits[i][c] > logits[i][best] ? c : best;
            }
            correct += best == labels[i] ? 1 : 0;
        }
        return (double) correct / logits.length;
    }

    /** All row indices when there are at most {@code max}, else a seeded sample of {@code max} of them, sorted. */
    static int[] subset(int count, int max, long seed) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        if (count <= max) {
            return all;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < max; i++) { // partial Fisher–Yates
            int j = i + random.nextInt(count - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = java.util.Arrays.copyOf(all, max);
        java.util.Arrays.sort(chosen);
        return chosen;
    }

    static FeatureMatrix rowsOf(FeatureMatrix x, int[] rows) {
        float[] out = new float[rows.length * x.columns()];
        float[] values = x.values();
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(values, rows[r] * x.columns(), out, r * x.columns(), x.columns());
        }
        return new FeatureMatrix(rows.length, x.columns(), out);
    }
}
