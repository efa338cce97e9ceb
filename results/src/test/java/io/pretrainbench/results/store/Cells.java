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
        return keyOf(id, method, budget, seed).build();
    }

    /** The settings of {@link #key(String, String, int, long)}, to vary one by one before {@link KeyBuilder#build}. */
    public static KeyBuilder keyOf(String id, String method, int budget, long seed) {
        return new KeyBuilder(id, method, budget, seed);
    }

    /** A cell key for tests: the defaults of {@link #key(String, String, int, long)}, each settable. */
    public static final class KeyBuilder {
        private final String id;
        private final String method;
        private final int budget;
        private final long seed;
        private String methodParams = "{}";
        private String corpus = "corpus";
        private String corpusParams = "{}";
        private long pretrainSeed;
        private String taskParams = "{}";
        private String protocol = "linear-probe";
        private String protocolParams = "{}";

        private KeyBuilder(String id, String method, int budget, long seed) {
            this.id = id;
            this.method = method;
            this.budget = budget;
            this.seed = seed;
        }

        public KeyBuilder methodParams(String json) {
            methodParams = json;
            return this;
        }

        public KeyBuilder corpus(String name, String json) {
            corpus = name;
            corpusParams = json;
            return this;
        }

        public KeyBuilder pretrainSeed(long value) {
            pretrainSeed = value;
            return this;
        }

        public KeyBuilder taskParams(String json) {
            taskParams = json;
            return this;
        }

        public KeyBuilder protocol(String name, String json) {
            protocol = name;
            protocolParams = json;
            return this;
        }

        public CellKey build() {
            return new CellKey(
                    id,
                    method,
                    methodParams,
                    corpus,
                    corpusParams,
                    pretrainSeed,
                    "task",
                    taskParams,
                    budget,
                    protocol,
                    protocolParams,
                    seed,
                    Map.of("bound", "1.0.0{}"),
                    Map.of("method:" + method, "1.0.0"),
                    "data");
        }
    }

    public static CellResult succeeded(String id, String method, int budget, long seed, double testAccuracy) {
        return succeeded(id, method, budget, seed, new Metrics(0.9, testAccuracy, 0.2, 0.4, 0.8));
    }

    /** A succeeded cell with the given metrics, otherwise as {@link #succeeded(String, String, int, long, double)}. */
    public static CellResult succeeded(String id, String method, int budget, long seed, Metrics metrics) {
        return succeeded(key(id, method, budget, seed), metrics);
    }

    /** A succeeded cell of {@code key} at {@code testAccuracy} that stores {@code curves} (none: {@code Map.of()}). */
    public static CellResult succeeded(CellKey key, double testAccuracy, Map<String, List<Double>> curves) {
        CellResult base = succeeded(key, new Metrics(0.9, testAccuracy, 0.2, 0.4, 0.8));
        return new CellResult(key, base.runId(), base.outcome(), curves);
    }

    private static CellResult succeeded(CellKey key, Metrics metrics) {
        return new CellResult(
                key,
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
