package io.pretrainbench.results.store;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A cell as read back from the store; its training curves are read on demand ({@code SqliteResultStore#curves}).
 *
 * @param diagnostics the estimators (among {@code bounds} and {@code boundErrors}) that are diagnostics, not bounds
 *     of the generalization gap: reported as values, never scored
 */
public record StoredCell(
    CellKey key,
    String runId,
    CellStatus status,
    String error,
    double wallSeconds,
    double cpuSeconds,
    long peakMemoryBytes,
    String encoderChecksum,
    Instant recordedAt,
    Optional<Metrics> metrics,
    Map<String, BoundEstimate> bounds,
    Map<String, String> boundErrors,
    Set<String> diagnostics) {

  public StoredCell {
    diagnostics = Set.copyOf(diagnostics);
    bounds = Map.copyOf(bounds);
    boundErrors = Map.copyOf(boundErrors);
  }

  /** A cell whose estimators are all bounds. */
  public StoredCell(CellKey key, String runId, CellStatus status, String error, double wallSeconds, double cpuSeconds,
      long peakMemoryBytes, String encoderChecksum, Instant recordedAt, Optional<Metrics> metrics,
      Map<String, BoundEstimate> bounds, Map<String, String> boundErrors) {
    this(key, runId, status, error, wallSeconds, cpuSeconds, peakMemoryBytes, encoderChecksum, recordedAt, metrics,
        bounds, boundErrors, Set.of());
  }

  /** The estimates of the estimators that bound the generalization gap (diagnostics left out). */
  public Map<String, BoundEstimate> boundsOnly() {
    Map<String, BoundEstimate> only = new TreeMap<>(bounds);
    only.keySet().removeAll(diagnostics);
    return only;
  }
}
