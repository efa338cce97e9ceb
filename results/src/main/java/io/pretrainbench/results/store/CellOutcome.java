package io.pretrainbench.results.store;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What running a cell gave: the same record is written ({@link CellResult}) and read back ({@link StoredCell}).
 *
 * @param status succeeded or failed
 * @param error the failure (exception class and message, and for time-outs the limit), or null
 * @param wallSeconds elapsed time of the cell, including pre-training when this cell triggered it
 * @param cpuSeconds CPU time of the JVM's threads spent on the cell
 * @param peakMemoryBytes peak heap plus native (TensorFlow) memory observed while the cell ran
 * @param encoderChecksum SHA-256 of the pre-trained encoder the cell fine-tuned, or null if it failed before
 * @param metrics measurements, absent when failed
 * @param bounds estimator name → estimate (estimators that failed are absent and named in {@code boundErrors})
 * @param boundErrors estimator name → error message
 * @param diagnostics the estimators (among {@code bounds} and {@code boundErrors}) that are diagnostics, not bounds of
 *     the generalization gap: reported as values, never scored
 */
public record CellOutcome(
        CellStatus status,
        String error,
        double wallSeconds,
        double cpuSeconds,
        long peakMemoryBytes,
        String encoderChecksum,
        Optional<Metrics> metrics,
        Map<String, BoundEstimate> bounds,
        Map<String, String> boundErrors,
        Set<String> diagnostics) {

    public CellOutcome {
        bounds = Map.copyOf(bounds);
        diagnostics = Set.copyOf(diagnostics);
        boundErrors = Map.copyOf(boundErrors);
        if (status == CellStatus.SUCCEEDED && metrics.isEmpty()) {
            throw new IllegalArgumentException("a succeeded cell needs metrics");
        }
        if (status == CellStatus.FAILED && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a failed cell needs an error");
        }
    }

    /** A cell that ran to the end, all of whose estimators are bounds. */
    public static CellOutcome succeeded(
            double wallSeconds,
            double cpuSeconds,
            long peakMemoryBytes,
            String encoderChecksum,
            Metrics metrics,
            Map<String, BoundEstimate> bounds,
            Map<String, String> boundErrors) {
        return succeeded(
                wallSeconds, cpuSeconds, peakMemoryBytes, encoderChecksum, metrics, bounds, boundErrors, Set.of());
    }

    /** A cell that ran to the end; {@code diagnostics} names the estimators that are diagnostics, not bounds. */
    public static CellOutcome succeeded(
            double wallSeconds,
            double cpuSeconds,
            long peakMemoryBytes,
            String encoderChecksum,
            Metrics metrics,
            Map<String, BoundEstimate> bounds,
            Map<String, String> boundErrors,
            Set<String> diagnostics) {
        return new CellOutcome(
                CellStatus.SUCCEEDED,
                null,
                wallSeconds,
                cpuSeconds,
                peakMemoryBytes,
                encoderChecksum,
                Optional.of(metrics),
                bounds,
                boundErrors,
                diagnostics);
    }

    /** A cell that failed with {@code error}: no metrics, no bounds. */
    public static CellOutcome failed(
            String error, double wallSeconds, double cpuSeconds, long peakMemoryBytes, String encoderChecksum) {
        return new CellOutcome(
                CellStatus.FAILED,
                error,
                wallSeconds,
                cpuSeconds,
                peakMemoryBytes,
                encoderChecksum,
                Optional.empty(),
                Map.of(),
                Map.of(),
                Set.of());
    }
}
