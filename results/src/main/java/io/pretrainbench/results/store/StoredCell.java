package io.pretrainbench.results.store;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A cell as read back from the store: what was written ({@link CellResult}) but its training curves, which are read on
 * demand ({@code SqliteResultStore#curves}), plus when it was recorded.
 */
public record StoredCell(CellKey key, String runId, CellOutcome outcome, Instant recordedAt) {
    /** The outcome's status: what every reader filters on first. */
    public CellStatus status() {
        return outcome.status();
    }

    /** The outcome's metrics, absent when the cell failed. */
    public Optional<Metrics> metrics() {
        return outcome.metrics();
    }

    /** The outcome's bound estimates, by estimator name. */
    public Map<String, BoundEstimate> bounds() {
        return outcome.bounds();
    }

    /** The estimators (among {@code bounds} and {@code boundErrors}) that are diagnostics, never scored as bounds. */
    public Set<String> diagnostics() {
        return outcome.diagnostics();
    }

    /** The outcome's bound estimation errors, by estimator name. */
    public Map<String, String> boundErrors() {
        return outcome.boundErrors();
    }

    /** The estimates of the estimators that bound the generalization gap (diagnostics left out). */
    public Map<String, BoundEstimate> boundsOnly() {
        Map<String, BoundEstimate> only = new TreeMap<>(outcome.bounds());
        only.keySet().removeAll(outcome.diagnostics());
        return only;
    }
}
