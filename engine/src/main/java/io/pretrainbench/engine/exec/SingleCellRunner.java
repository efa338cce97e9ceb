package io.pretrainbench.engine.exec;

import io.pretrainbench.api.Compute;
import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.results.store.CellResult;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs chosen cells one at a time, outside a grid run and without a store, each under its time limit: how
 * {@code verify} re-runs a submission's cells through the same {@link CellRunner} a grid run uses.
 */
public final class SingleCellRunner implements AutoCloseable {
    private static final CellRunner.StepObserver QUIET = (cell, phase, step, totalSteps, loss) -> {};

    private final CellRunner cells;
    private final ResourceMonitor monitor = new ResourceMonitor();
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(GridRunner.daemon("pretrainbench-single-cell-watchdog"));

    /** @param encoders where pre-trained encoders are found and kept (cells sharing an encoder pre-train once) */
    public SingleCellRunner(PluginRegistry registry, EncoderCache encoders) {
        this.cells = new CellRunner(registry, encoders);
    }

    /** Runs {@code cell}; never throws (a failure is a failed result, as in a grid run). */
    public CellResult run(Cell cell, String runId, Compute compute, Duration timeout) {
        return cells.runWithTimeLimit(cell, runId, compute, timeout, watchdog, monitor, QUIET);
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        monitor.close();
    }
}
