package io.pretrainbench.engine.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.finetune.Metrics;
import org.junit.jupiter.api.Test;

class MetricComparisonTest {
    private static final Metrics RECORDED = new Metrics(0.9, 0.80, 0.2, 0.4, 0.78);

    @Test
    void onTheSamePlatformEveryMetricAndTheEncoderMustBeIdentical() {
        MetricComparison exact = new MetricComparison(true);

        assertThat(exact.difference(RECORDED, new Metrics(0.9, 0.80, 0.2, 0.4, 0.78), "enc", "enc"))
                .isEmpty();
        assertThat(exact.difference(RECORDED, new Metrics(0.9, 0.80000001, 0.2, 0.4, 0.78), "enc", "enc"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("test_accuracy: bundle 0.8, here 0.80000001"));
        assertThat(exact.difference(RECORDED, new Metrics(0.9, 0.80, 0.2, 0.41, 0.78), "enc", "enc"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("test_risk"));
        assertThat(exact.difference(RECORDED, RECORDED, "enc", "other"))
                .hasValueSatisfying(d -> assertThat(d).isEqualTo("encoder_checksum: bundle enc, here other"));
    }

    @Test
    void elsewhereAccuraciesAgreeWithinTheToleranceAndRisksAreNotCompared() {
        MetricComparison tolerant = new MetricComparison(false);

        assertThat(tolerant.difference(RECORDED, new Metrics(0.91, 0.819, 0.5, 0.9, 0.77), "enc", "other"))
                .isEmpty();
        assertThat(tolerant.difference(RECORDED, new Metrics(0.9, 0.825, 0.2, 0.4, 0.78), "enc", "enc"))
                .hasValueSatisfying(
                        d -> assertThat(d).startsWith("test_accuracy: bundle 0.8, here 0.825 (Δ +0.025000)"));
        assertThat(tolerant.describe()).isEqualTo("accuracies within 0.02");
    }
}
