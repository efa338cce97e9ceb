package io.pretrainbench.results.store;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where results live. Every cell is written in one transaction, so a crash or {@code kill -9} never leaves half a cell;
 * a cell id is stored at most once (a retried cell replaces its failed attempt).
 */
public interface ResultStore extends AutoCloseable {
    void startRun(RunInfo run);

    void finishRun(String runId, Instant finishedAt);

    /** Ids of the cells stored as succeeded: a re-run skips these and retries everything else. */
    Set<String> succeededCellIds();

    /** Writes one cell with its metrics, bounds and curves in one transaction. Thread-safe. */
    void record(CellResult result);

    /** Every stored cell, ordered by method, task, budget, protocol, seed. */
    List<StoredCell> cells();

    List<RunInfo> runs();

    /** The training curves of one cell: phase (e.g. {@code pretrain}, {@code finetune}) → loss per step. */
    java.util.Map<String, List<Double>> curves(String cellId);

    /**
     * The grids whose runs are still going (cells queued or running in the store's work queue), one line each, e.g.
     * {@code grid quick: 12 of 60 cells unfinished (10 queued, 2 running)}; empty for a store without a work queue.
     * Reports built on a partial run say so with these lines.
     */
    default List<String> unfinishedGrids() {
        return List.of();
    }

    @Override
    void close();
}
