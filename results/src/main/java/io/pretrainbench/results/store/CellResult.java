package io.pretrainbench.results.store;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of one cell, written to the store in one transaction.
 *
 * @param key the cell's identity
 * @param runId the run that produced it
 * @param status succeeded or failed
 * @param error the failure (exception class and message, and for time-outs the limit), or null
 * @param wallSeconds elapsed time of the cell, including pre-training when this cell triggered it
 * @param cpuSeconds CPU time of the JVM's threads spent on the cell
 * @param peakMemoryBytes peak heap plus native (TensorFlow) memory observed while the cell ran
 * @param encoderChecksum SHA-256 of the pre-trained encoder the cell fine-tuned, or null if it failed before
 * @param metrics measurements, absent when failed
 * @param bounds estimator name → estimate (estimators that failed are absent and named in {@code boundErrors})
 * @param boundErrors estimator name → error message
 * @param curves training curves: phase (e.g. {@code pretrain}, {@code finetune}) → loss per step
 * @param diagnostics the estimators (among {@code bounds} and {@code boundErrors}) that are diagnostics, not bounds of
 *     the generalization gap ({@code EstimateKind.DIAGNOSTIC}): reported as values, never scored
 */
public record CellResult(
    CellKey key,
    String runId,
    CellStatus status,
    String error,
    double wallSeconds,
    double cpuSeconds,
    long peakMemoryBytes,
    String encoderChecksum,
    Optional<Metrics> metrics,
    Map<String, BoundEstimate> bounds,
    Map<String, String> boundErrors,
    Map<String, List<Double>> curves,
    Set<String> diagnostics) {

  public CellResult {
    diagnostics = Set.copyOf(diagnostics);
    bounds = Map.copyOf(bounds);
    boundErrors = Map.copyOf(boundErrors);
    curves = Map.copyOf(curves);
    if (status == CellStatus.SUCCEEDED && metrics.isEmpty()) {
      throw new IllegalArgumentException("a succeeded cell needs metrics: " + key.label());
    }
    if (status == CellStatus.FAILED && (error == null || error.isBlank())) {
      throw new IllegalArgumentException("a failed cell needs an error: " + key.label());
    }
  }

  /** A cell whose estimators are all bounds. */
  public CellResult(CellKey key, String runId, CellStatus status, String error, double wallSeconds, double cpuSeconds,
      long peakMemoryBytes, String encoderChecksum, Optional<Metrics> metrics, Map<String, BoundEstimate> bounds,
      Map<String, String> boundErrors, Map<String, List<Double>> curves) {
    this(key, runId, status, error, wallSeconds, cpuSeconds, peakMemoryBytes, encoderChecksum, metrics, bounds,
        boundErrors, curves, Set.of());
  }
}
