package io.pretrainbench.results.store;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builders of small stored records for tests. */
public final class Cells {
  private Cells() {}

  public static CellKey key(String id, String method, int budget, long seed) {
    return new CellKey(id, method, "{}", "corpus", "{}", 0, "task", "{}", budget, "linear-probe", "{}", seed,
        Map.of("bound", "1.0.0{}"), Map.of("method:" + method, "1.0.0"), "data");
  }

  public static CellResult succeeded(String id, String method, int budget, long seed, double testAccuracy) {
    return new CellResult(key(id, method, budget, seed), "run-1", CellStatus.SUCCEEDED, null, 1.5, 2.5, 1 << 20,
        "enc", Optional.of(new Metrics(0.9, testAccuracy, 0.2, 0.4, 0.8)),
        Map.of("bound", new BoundEstimate(0.7, Map.of("rademacher", 0.3, "confidence", 0.4))), Map.of(),
        Map.of("pretrain", List.of(1.0, 0.5), "finetune", List.of(2.0, 1.0, 0.5)));
  }

  /** A succeeded cell with the given metrics, otherwise as {@link #succeeded(String, String, int, long, double)}. */
  public static CellResult succeeded(String id, String method, int budget, long seed, Metrics metrics) {
    CellResult cell = succeeded(id, method, budget, seed, metrics.testAccuracy());
    return new CellResult(cell.key(), cell.runId(), cell.status(), null, cell.wallSeconds(), cell.cpuSeconds(),
        cell.peakMemoryBytes(), cell.encoderChecksum(), Optional.of(metrics), cell.bounds(), cell.boundErrors(),
        cell.curves());
  }

  public static CellResult failed(String id, String method, int budget, long seed, String error) {
    return new CellResult(key(id, method, budget, seed), "run-1", CellStatus.FAILED, error, 0.5, 0.5, 1 << 20, null,
        Optional.empty(), Map.of(), Map.of(), Map.of());
  }

  public static RunInfo run() {
    return new RunInfo("run-1", "grid", "hash", "name: grid\n", Instant.parse("2026-11-22T10:00:00Z"),
        Map.of("java", "17", "tensorflow", "2.x"));
  }
}
