package io.pretrainbench.results.store;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A cell as read back from the store; its training curves are read on demand ({@code SqliteResultStore#curves}). */
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
    Map<String, String> boundErrors) {

  public StoredCell {
    bounds = Map.copyOf(bounds);
    boundErrors = Map.copyOf(boundErrors);
  }
}
