package io.pretrainbench.results.store;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders of small stored records for tests. */
public final class Cells {
    private Cells() {}

    public static CellKey key(String id, String method, int budget, long seed) {
        return new CellKey(
                id,
                method,
                "{}",
                "corpus",
                "{}",
                0,
                "task",
                "{}",
                budget,
                "linear-probe",
                "{}",
                seed,
                Map.of("bound", "1.0.0{}"),
                Map.of("method:" + method, "1.0.0"),
                "data");
    }

    public static CellResult succeeded(String id, String method, int budget, long seed, double testAccuracy) {
        return succeeded(id, method, budget, seed, new Metrics(0.9, testAccuracy, 0.2, 0.4, 0.8));
    }

    /** A succeeded cell with the given metrics, otherwise as {@link #succeeded(String, String, int, long, double)}. */
    public static CellResult succeeded(String id, String method, int budget, long seed, Metrics metrics) {
        return new CellResult(
                key(id, method, budget, seed),
                "run-1",
                CellOutcome.succeeded(
                        1.5,
                        2.5,
                        1 << 20,
                        "enc",
                        metrics,
                        Map.of("bound", new BoundEstimate(0.7, Map.of("rademacher", 0.3, "confidence", 0.4))),
                        Map.of()),
                Map.of("pretrain", List.of(1.0, 0.5), "finetune", List.of(2.0, 1.0, 0.5)));
    }

    public static CellResult failed(String id, String method, int budget, long seed, String error) {
        return new CellResult(
                key(id, method, budget, seed), "run-1", CellOutcome.failed(error, 0.5, 0.5, 1 << 20, null), Map.of());
    }

    public static RunInfo run() {
        return new RunInfo(
                "run-1",
                "grid",
                "hash",
                "name: grid\n",
                Instant.parse("2026-11-22T10:00:00Z"),
                Map.of("java", "17", "tensorflow", "2.x"));
    }
}
