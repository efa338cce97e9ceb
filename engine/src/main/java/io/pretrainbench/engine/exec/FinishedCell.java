package io.pretrainbench.engine.exec;

import io.pretrainbench.results.store.CellOutcome;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.CellStatus;

/**
 * What the run shows of a finished cell, and what a worker process reports once the cell is stored.
 *
 * @param cellId the cell's id
 * @param label the cell's readable label ({@code method/task/m=budget/protocol/seed=s})
 * @param status succeeded or failed
 * @param testAccuracy the measured test accuracy (NaN when failed)
 * @param error why it failed, or null
 * @param wallSeconds how long it ran
 */
record FinishedCell(
        String cellId, String label, CellStatus status, double testAccuracy, String error, double wallSeconds) {

    static FinishedCell of(CellResult result) {
        CellOutcome outcome = result.outcome();
        return new FinishedCell(
                result.key().cellId(),
                result.key().label(),
                outcome.status(),
                outcome.metrics().map(m -> m.testAccuracy()).orElse(Double.NaN),
                outcome.error(),
                outcome.wallSeconds());
    }

    boolean succeeded() {
        return status == CellStatus.SUCCEEDED;
    }
}
