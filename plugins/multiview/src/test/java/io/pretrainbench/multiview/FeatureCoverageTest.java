package io.pretrainbench.multiview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.PluginUse;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.EstimateKind;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.tck.BoundEstimatorContract;
import io.pretrainbench.tck.TckEncoder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureCoverageTest extends BoundEstimatorContract<FeatureCoverage> {
    private static final int D = 40;
    private static final int P = 12;

    @Override
    protected FeatureCoverage plugin() {
        return new FeatureCoverage();
    }

    /** The multiview task's parameters: defaults but d = 40, P = 12, and the given data-model values. */
    private static PluginUse task(Map<String, Object> data) {
        Map<String, Object> raw = new HashMap<>(
                Map.of("dimension", (long) D, "patches", (long) P, "train_samples", 60L, "test_samples", 10L));
        raw.putAll(data);
        return new PluginUse(
                MultiViewTask.NAME, new MultiViewTask().descriptor().resolve(raw));
    }

    /** The task's data at its default data model (but d = 40). */
    private static Examples train() {
        return new MultiViewTask()
                .load(DataContext.builder().params(task(Map.of()).params()).build())
                .trainPool();
    }

    /** A multi-view encoder whose kernel r is {@code rows[r]}. */
    private static PatchConvEncoder encoder(double[][] rows) {
        float[] w = new float[D * rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int t = 0; t < D; t++) {
                w[t * rows.length + r] = (float) rows[r][t];
            }
        }
        return PatchConvEncoder.fromState(new EncoderState(
                PatchConvEncoder.ARCHITECTURE,
                Map.of(
                        "patches",
                        Integer.toString(P),
                        "dimension",
                        Integer.toString(D),
                        "srelu_power",
                        "3",
                        "srelu_threshold",
                        "0.1"),
                new Weights(Map.of(PatchConvEncoder.KERNEL, new WeightTensor(new long[] {D, rows.length}, w)))));
    }

    private EstimationContext cell(PatchConvEncoder encoder, Parameters params) {
        return cell(encoder, params, task(Map.of()));
    }

    /** A cell on {@link #train()} whose context names {@code task} (which may describe other data, to test checks). */
    private EstimationContext cell(PatchConvEncoder encoder, Parameters params, PluginUse task) {
        Examples train = train();
        Head head = LinearHead.of(encoder.featureDim(), 10, new float[encoder.featureDim() * 10], new float[10])
                .toHead();
        return EstimationContext.builder()
                .encoder(encoder)
                .head(head)
                .train(train)
                .trainFeatures(EncoderFeatures.compute(encoder, train, Compute.cpu(1), 32))
                .numClasses(10)
                .metrics(new Metrics(0.9, 0.8, 0.3, 0.5, 0.85))
                .params(params)
                .seed(1)
                .task(task)
                .build();
    }

    /** The kit's cell with a multi-view encoder (random kernels) in place of its projection encoder. */
    @Override
    protected EstimationContext context(long seed) {
        var p = new MultiViewScratch();
        return cell(PatchConvEncoder.initialise(new int[] {P, D}, p.descriptor().defaults(), seed), parameters());
    }

    private static MultiViewData.Features features() {
        return MultiViewData.features(10, 2, D, 0, true);
    }

    @Test
    void kernelsThatAreExactlySomeFeaturesGiveExactlyThatCoverage() {
        // Kernels: both features of classes 0-4, the first feature of classes 5-7, classes 8-9 none, scaled by 3 (the
        // cosine ignores norms), plus one kernel pointing away from every feature.
        MultiViewData.Features f = features();
        double[][] rows = new double[14][];
        int r = 0;
        for (int i = 0; i < 5; i++) {
            for (int l = 0; l < 2; l++) {
                rows[r++] = scaled(f.vector(i, l), 3);
            }
        }
        for (int i = 5; i < 8; i++) {
            rows[r++] = scaled(f.vector(i, 0), 3);
        }
        rows[r] = scaled(f.vector(9, 1), -1);
        BoundEstimate e = plugin().estimate(cell(encoder(rows), parameters()));

        assertThat(e.value()).isCloseTo(13 / 20.0, within(1e-12));
        assertThat(e.components().get("captured_fraction")).isCloseTo(0.65, within(1e-12));
        assertThat(e.components().get("classes_all_captured")).isEqualTo(5.0);
        assertThat(e.components().get("classes_captured_fraction")).isEqualTo(0.5);
        assertThat(e.components().get("kernels_capturing")).isEqualTo(13.0);
        assertThat(e.components().get("cosine_c0_f1")).isCloseTo(1.0, within(1e-6));
        assertThat(e.components().get("cosine_c6_f0")).isCloseTo(1.0, within(1e-6));
        // A feature no kernel points at: its best cosine is that of orthogonal kernels, 0 up to float rounding.
        assertThat(e.components().get("cosine_c6_f1")).isCloseTo(0.0, within(1e-6));
        assertThat(e.components().get("cosine_c9_f1")).isCloseTo(0.0, within(1e-6));
        assertThat(e.components().get("mean_cosine")).isCloseTo(13 / 20.0, within(1e-6));
        // Raw correlations: 3 for a feature with its own kernel, 0 otherwise (the kernel at −v_{9,1} counts as 0);
        // view balance per class: 1 for classes 0-4, 0/3 for 5-7, 0 for 8-9 (nothing learned): mean 0.5.
        assertThat(e.components().get("correlation_c4_f1")).isCloseTo(3.0, within(1e-5));
        assertThat(e.components().get("correlation_c9_f1")).isCloseTo(0.0, within(1e-5));
        assertThat(e.components().get("view_balance")).isCloseTo(0.5, within(1e-5));
    }

    @Test
    void viewBalanceIsTheRatioOfTheWeakerToTheStrongerFeaturesCorrelation() {
        // Class 0 learned at 2 and 0.5 (the lottery ticket: one view strong), every other class at 1 and 1.
        MultiViewData.Features f = features();
        double[][] rows = new double[20][];
        for (int i = 0; i < 10; i++) {
            rows[2 * i] = scaled(f.vector(i, 0), i == 0 ? 2 : 1);
            rows[2 * i + 1] = scaled(f.vector(i, 1), i == 0 ? 0.5 : 1);
        }
        BoundEstimate e = plugin().estimate(cell(encoder(rows), parameters()));
        assertThat(e.components().get("view_balance")).isCloseTo((0.25 + 9) / 10, within(1e-5));
        assertThat(e.value()).isEqualTo(1.0);
        assertThat(e.components().get("classes_all_captured")).isEqualTo(10.0);
    }

    @Test
    void aKernelBetweenTwoFeaturesHasCosineOneOverRootTwoWithEach() {
        MultiViewData.Features f = features();
        double[] mix = new double[D];
        for (int t = 0; t < D; t++) {
            mix[t] = f.vector(2, 0)[t] + f.vector(2, 1)[t];
        }
        BoundEstimate e = plugin().estimate(cell(encoder(new double[][] {mix}), parameters()));
        assertThat(e.components().get("cosine_c2_f0")).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(e.components().get("cosine_c2_f1")).isCloseTo(Math.sqrt(0.5), within(1e-6));
        assertThat(e.value()).isCloseTo(2 / 20.0, within(1e-12)); // both pass the default threshold 0.5
        var strict = plugin().descriptor().resolve(Map.of("threshold", 0.8));
        assertThat(plugin().estimate(cell(encoder(new double[][] {mix}), strict))
                        .value())
                .isZero();
    }

    @Test
    void theSpanEnergyLiftTellsMatchingFromMismatchedDataParameters() {
        MultiViewData.Features f = features();
        double[][] rows = {f.vector(0, 0)};
        double matching = plugin().estimate(cell(encoder(rows), parameters()))
                .components()
                .get("span_energy_lift");
        // A task whose parameters do not describe the training samples (another data seed).
        double mismatched = plugin().estimate(cell(encoder(rows), parameters(), task(Map.of("seed", 5L))))
                .components()
                .get("span_energy_lift");
        assertThat(matching).isGreaterThan(1.5);
        assertThat(mismatched).isCloseTo(1.0, within(0.3));
    }

    @Test
    void encodersOtherThanTheMultiViewEncoderAreRefused() {
        EstimationContext kit = super.context(1); // the kit's own cell: a projection encoder
        EstimationContext foreign = EstimationContext.builder()
                .encoder(TckEncoder.random(new int[] {P, D}, 8, 1))
                .head(kit.head())
                .train(kit.train())
                .trainFeatures(kit.trainFeatures())
                .numClasses(kit.numClasses())
                .metrics(kit.metrics())
                .params(parameters())
                .seed(1)
                .task(task(Map.of()))
                .build();
        assertThatThrownBy(() -> plugin().estimate(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("feature-coverage")
                .hasMessageContaining(PatchConvEncoder.ARCHITECTURE)
                .hasMessageContaining(TckEncoder.ARCHITECTURE);
    }

    @Test
    void aTaskDimensionOtherThanTheEncodersIsRefusedNamingTheParameter() {
        PluginUse wrong = task(Map.of("dimension", 50L));
        assertThatThrownBy(() -> plugin().estimate(
                                cell(encoder(new double[][] {features().vector(0, 0)}), parameters(), wrong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension")
                .hasMessageContaining("50")
                .hasMessageContaining("40");
    }

    @Test
    void aCellWithoutTheMultiviewTaskIsRefusedNamingTheTask() {
        PluginUse other = new PluginUse("fmnist-10class", Parameters.empty());
        assertThatThrownBy(() -> plugin().estimate(
                                cell(encoder(new double[][] {features().vector(0, 0)}), parameters(), other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fmnist-10class")
                .hasMessageContaining(MultiViewTask.NAME);
    }

    @Test
    void itIsADiagnosticNotABound() {
        assertThat(plugin().kind()).isEqualTo(EstimateKind.DIAGNOSTIC);
    }

    private static double[] scaled(double[] v, double a) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = a * v[i];
        }
        return out;
    }
}
