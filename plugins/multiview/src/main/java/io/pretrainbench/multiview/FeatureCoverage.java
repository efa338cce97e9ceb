package io.pretrainbench.multiview;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.PluginUse;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimateKind;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Feature coverage, the diagnostic of Pan, Zhou &amp; Yan (ICLR 2023, arXiv 2206.03826; Thm 1 and Sec. 6): which of the
 * ground-truth discriminative features v_{i,l} of the multi-view data the encoder's kernels have captured. For every
 * feature
 *
 * <pre>  c_{i,l} = max_r ⟨w_r, v_{i,l}⟩ / ‖w_r‖</pre>
 *
 * over the C kernels (a signed cosine: ReLU‾ ignores a kernel's negative side, so only positive alignment detects a
 * feature). A feature counts as captured when c_{i,l} ≥ {@code threshold}. The paper's prediction: MRP captures all
 * features (Thm 1: every v_{i,l} has a kernel with large correlation, each kernel at most one), supervised learning
 * from scratch about one per class (A&amp;L 2020, Thm 1: the other "view" is memorised through noise).
 *
 * <p>The estimator rebuilds the features from the data model's parameters ({@code classes}, {@code features_per_class},
 * {@code dimension}, {@code seed}, {@code rotate}) of the cell's {@code multiview} task, which the context gives (SPI
 * 1.2; version 1.0.0 repeated them in its own parameters, so a grid had to keep the two in step). As a check it records
 * {@code span_energy_lift}: the share of the training samples' energy in the span of those features divided by the
 * share (Fk/d) a random subspace of that size would hold; about 1 means the parameters do not describe the training
 * samples.
 *
 * <p>The cosine says which direction a kernel points in, not how strongly it was learned. A&amp;L's measure of learning
 * is the raw correlation Φ_{i,l} = max_r ⟨w_r, v_{i,l}⟩ (their Thm 1: SL grows one feature per class to Θ̃(1) while the
 * other stays near its initial size), recorded per feature as {@code correlation_c<i>_f<l>}, and summarised as
 * {@code view_balance} = mean over classes of min_l Φ_{i,l} / max_l Φ_{i,l} (1: every feature of each class learned
 * equally strongly; near 0: one view per class, the lottery ticket).
 *
 * <p>Value: the fraction of features captured. Components: {@code cosine_c<i>_f<l>} per feature, {@code mean_cosine},
 * {@code captured_fraction}, {@code classes_all_captured} (classes whose every feature is captured),
 * {@code classes_captured_fraction}, {@code kernels_capturing} (kernels whose best feature passes the threshold),
 * {@code view_balance}, the correlations and {@code span_energy_lift}.
 *
 * <p>A {@linkplain EstimateKind#DIAGNOSTIC diagnostic}: it says which features were learned, not how large the
 * generalization gap is, so it is reported as values and never scored as a bound.
 */
public final class FeatureCoverage implements BoundEstimator {
    // 1.1.0: the data model's parameters come from the cell's task, no longer from the estimator's own parameters.
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "feature-coverage",
            "1.1.0",
            "Which multi-view features the encoder's kernels capture: max_r cos(w_r, v_il) per feature (Pan et al."
                    + " 2023).",
            SpiVersion.CURRENT,
            List.of(ParameterSpec.real(
                    "threshold",
                    0.5,
                    0.0,
                    1.0,
                    "a feature is captured when some kernel's cosine with it is at least this")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public EstimateKind kind() {
        return EstimateKind.DIAGNOSTIC;
    }

    @Override
    public BoundEstimate estimate(EstimationContext context) {
        EncoderState state = context.encoder().state();
        if (!PatchConvEncoder.ARCHITECTURE.equals(state.architecture())) {
            throw new IllegalArgumentException(
                    "feature-coverage measures the kernels of the " + PatchConvEncoder.ARCHITECTURE
                            + " encoder (methods multiview-mrp and multiview-scratch); this cell's encoder has"
                            + " architecture '"
                            + state.architecture() + "'");
        }
        PluginUse task = context.task()
                .orElseThrow(() -> new IllegalArgumentException(
                        "feature-coverage needs the cell's task (a test builds its context with"
                                + " EstimationContext.builder().task)"));
        if (!MultiViewTask.NAME.equals(task.name())) {
            throw new IllegalArgumentException("feature-coverage measures the features of the '" + MultiViewTask.NAME
                    + "' task; this cell's task is '" + task.name() + "'");
        }
        PatchConvEncoder encoder = PatchConvEncoder.fromState(state);
        Parameters data = task.params();
        if (encoder.dimension() != data.getInt("dimension")) {
            throw new IllegalArgumentException("feature-coverage: the task's parameter 'dimension' is "
                    + data.getInt("dimension") + " but the encoder's patches have dimension " + encoder.dimension());
        }
        return coverage(
                encoder.kernelRows(),
                MultiViewData.features(data),
                context.params().getDouble("threshold"),
                context.train());
    }

    static BoundEstimate coverage(
            double[][] kernels, MultiViewData.Features features, double threshold, Examples train) {
        int k = features.classes();
        int f = features.perClass();
        double[] norms = new double[kernels.length];
        for (int r = 0; r < kernels.length; r++) {
            norms[r] = Math.sqrt(MultiViewData.dot(kernels[r], kernels[r]));
        }
        // Correlations below this are float rounding of orthogonal vectors, not learning: counted as 0, so that the
        // balance of a class nothing has learned is 0 rather than a ratio of two rounding errors.
        double floor = 1e-6 * java.util.Arrays.stream(norms).max().orElse(0);
        Map<String, Double> components = new TreeMap<>();
        boolean[] kernelCaptures = new boolean[kernels.length];
        int captured = 0;
        int classesAll = 0;
        double sum = 0;
        double balance = 0;
        for (int i = 0; i < k; i++) {
            boolean all = true;
            double weakest = Double.POSITIVE_INFINITY;
            double strongest = 0;
            for (int l = 0; l < f; l++) {
                double best = -1;
                double correlation = 0;
                for (int r = 0; r < kernels.length; r++) {
                    double dot = MultiViewData.dot(kernels[r], features.vector(i, l));
                    // A zero kernel detects nothing: cosine 0 rather than 0/0.
                    double cosine = norms[r] == 0 ? 0 : dot / norms[r];
                    best = Math.max(best, cosine);
                    correlation = Math.max(correlation, dot);
                    kernelCaptures[r] |= cosine >= threshold;
                }
                components.put("cosine_c" + i + "_f" + l, best);
                correlation = correlation < floor ? 0 : correlation;
                components.put("correlation_c" + i + "_f" + l, correlation);
                weakest = Math.min(weakest, correlation);
                strongest = Math.max(strongest, correlation);
                sum += best;
                captured += best >= threshold ? 1 : 0;
                all &= best >= threshold;
            }
            classesAll += all ? 1 : 0;
            balance += strongest == 0 ? 0 : weakest / strongest;
        }
        components.put("view_balance", balance / k);
        int capturing = 0;
        for (boolean c : kernelCaptures) {
            capturing += c ? 1 : 0;
        }
        double fraction = (double) captured / (k * f);
        components.put("mean_cosine", sum / (k * f));
        components.put("captured_fraction", fraction);
        components.put("classes_all_captured", (double) classesAll);
        components.put("classes_captured_fraction", (double) classesAll / k);
        components.put("kernels_capturing", (double) capturing);
        components.put("span_energy_lift", spanEnergyLift(features, train));
        return new BoundEstimate(fraction, components);
    }

    /** (share of the samples' energy in span{v_{i,l}}) / (Fk/d); 0 when the samples have no energy. */
    static double spanEnergyLift(MultiViewData.Features features, Examples train) {
        int d = features.dimension();
        if (train.exampleSize() % d != 0) {
            return 0;
        }
        FloatBuffer values = train.features();
        double total = 0;
        double inSpan = 0;
        double[] row = new double[d];
        while (values.remaining() >= d) {
            for (int t = 0; t < d; t++) {
                row[t] = values.get();
                total += row[t] * row[t];
            }
            for (double[] v : features.vectors()) {
                double a = MultiViewData.dot(row, v);
                inSpan += a * a;
            }
        }
        double random = (double) features.vectors().length / d;
        return total == 0 ? 0 : inSpan / total / random;
    }
}
