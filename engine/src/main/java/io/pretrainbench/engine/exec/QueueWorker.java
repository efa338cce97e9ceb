package io.pretrainbench.engine.exec;

import io.pretrainbench.api.Compute;
import io.pretrainbench.engine.env.EnvironmentProbe;
import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridExpander;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.results.store.CellOutcome;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.RunInfo;
import io.pretrainbench.results.store.StoreUnavailableException;
import io.pretrainbench.results.store.WorkQueue;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One worker of a distributed run ({@code pretrain-bench worker}): claims cells of a grid from the store's work queue
 * ({@link WorkQueue}) and runs them one after another in this JVM, exactly as a slot of the local executor would (same
 * {@link CellRunner}, threads per cell, encoder cache, time limit), until no cell is left or a limit is reached. Any
 * number of workers, on any number of machines, can run the same grid against one store.
 *
 * <p>While a cell runs, a heartbeat renews its lease (and that of the pre-training the worker holds) every quarter of
 * the lease; a worker that dies stops renewing, and its cell is claimed again once the lease has expired. The worker
 * waits (instead of exiting) while other workers still hold cells of the grid, so that a cell abandoned by a dead
 * worker is taken over by a live one.
 */
public final class QueueWorker {
    /** How often an idle worker asks again while other workers hold the grid's last cells. */
    private static final Duration POLL = Duration.ofSeconds(2);

    /**
     * When to stop claiming: after {@code maxCells} cells, or once {@code maxTime} has passed (the cell running then is
     * finished first).
     */
    public record Limits(int maxCells, Duration maxTime) {}

    /** What a worker did. */
    public record Summary(String runId, int succeeded, int failed, String stopReason) {}

    private final Provider<ResultStore> store;
    private final CellRunner cellRunner;
    private final EncoderCache encoders;
    private final ExecutionSettings settings;
    private final ProgressReporter progress;
    private final EnvironmentProbe environment;
    private volatile String currentCell;
    private PrintWriter log;

    @Inject
    QueueWorker(
            Provider<ResultStore> store,
            CellRunner cellRunner,
            EncoderCache encoders,
            ExecutionSettings settings,
            ProgressReporter progress,
            EnvironmentProbe environment) {
        this.store = store;
        this.cellRunner = cellRunner;
        this.encoders = encoders;
        this.settings = settings;
        this.progress = progress;
        this.environment = environment;
    }

    /**
     * Runs cells of {@code grid} until none is left or a limit is reached.
     *
     * @param runId the run registered by {@code submit}, or null to register a new run of the grid (which also queues
     *     again the cells and pre-trainings that failed before, as a local re-run does)
     * @param workerId this worker's name in the store (unique among the grid's workers)
     * @param lease how long a claim holds without a heartbeat
     * @param log where the worker says what it does besides the cells' progress
     */
    public Summary run(GridSpec grid, String runId, String workerId, Duration lease, Limits limits, PrintWriter log) {
        this.log = log;
        List<Cell> cells = GridExpander.expand(grid);
        Map<String, Cell> byId = cells.stream().collect(Collectors.toMap(Cell::id, Function.identity()));
        String gridHash = GridExpander.gridHash(cells);
        if (!(store.get() instanceof WorkQueue queue)) {
            throw new IllegalArgumentException(
                    "worker needs a shared store: give --results postgresql://user@host:port/db"
                            + " (a SQLite file is for `run`, on one machine)");
        }
        String run = runId != null ? checkRegistered(runId, gridHash, grid) : register(queue, grid, cells);
        queue.startWorker(
                workerId, run, gridHash, host(), ProcessHandle.current().pid(), settings.threadsPerCell(), lease);
        // Other workers may use an encoder as soon as it is in the shared cache, not only once its cell is done.
        // (If the store is away now, completing the cell records it later: the cell must not fail for this.)
        encoders.onSaved((key, checksum) -> {
            try {
                queue.pretrained(workerId, key, checksum);
            } catch (RuntimeException e) {
                log.printf(
                        "worker %s: encoder %s saved; telling the store failed: %s%n", workerId, key, e.getMessage());
            }
        });
        log.printf("worker %s: grid %s (%s), run %s%n", workerId, grid.name(), gridHash, run);
        progress.start(queue.unfinished(gridHash), 0, cells.size());

        ScheduledExecutorService timers =
                Executors.newScheduledThreadPool(2, GridRunner.daemon("pretrainbench-worker"));
        long period = Math.max(1, lease.toMillis() / 4);
        timers.scheduleAtFixedRate(() -> heartbeat(queue, workerId, lease), period, period, TimeUnit.MILLISECONDS);
        Compute compute =
                new Compute(settings.threadsPerCell(), settings.devices().forSlot(0));
        long deadline = System.nanoTime() + limits.maxTime().toNanos();
        int succeeded = 0;
        int failed = 0;
        String stopReason = "no cells left";
        boolean waiting = false;
        try (ResourceMonitor monitor = new ResourceMonitor()) {
            while (true) {
                if (succeeded + failed >= limits.maxCells()) {
                    stopReason = "--max-cells " + limits.maxCells() + " reached";
                    break;
                }
                if (System.nanoTime() >= deadline) {
                    stopReason = "--max-time " + limits.maxTime().toSeconds() + " s reached";
                    break;
                }
                Optional<WorkQueue.Claim> claim = queue.claim(workerId, gridHash, lease);
                if (claim.isEmpty()) {
                    int unfinished = queue.unfinished(gridHash);
                    if (unfinished == 0) {
                        break;
                    }
                    if (!waiting) {
                        log.printf(
                                "worker %s: waiting: %d cells queued or running on other workers (their encoders are"
                                        + " being pre-trained, or their leases may expire)%n",
                                workerId, unfinished);
                        waiting = true;
                    }
                    Thread.sleep(POLL.toMillis());
                    continue;
                }
                waiting = false;
                WorkQueue.Claim c = claim.get();
                Cell cell = byId.get(c.cellId());
                CellResult result = c.kind() == WorkQueue.Claim.Kind.RUN
                        ? runClaimed(cell, c, run, compute, grid.cellTimeout(), timers, monitor)
                        : new CellResult(cell.key(), run, CellOutcome.failed(c.reason(), 0, 0, 0, null), Map.of());
                queue.complete(workerId, c, result);
                progress.finished(FinishedCell.of(result));
                if (result.outcome().status() == CellStatus.SUCCEEDED) {
                    succeeded++;
                } else {
                    failed++;
                }
            }
            if (queue.unfinished(gridHash) == 0) {
                store.get().finishRun(run, Instant.now());
            }
            queue.stopWorker(workerId, stopReason);
        } catch (StoreUnavailableException e) {
            stopReason = e.getMessage();
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            timers.shutdownNow();
            progress.end();
            log.printf("worker %s: stopped: %s%n", workerId, stopReason);
        }
        return new Summary(run, succeeded, failed, stopReason);
    }

    private CellResult runClaimed(
            Cell cell,
            WorkQueue.Claim claim,
            String runId,
            Compute compute,
            Duration timeLimit,
            ScheduledExecutorService timers,
            ResourceMonitor monitor) {
        if (!claim.holdsPretraining()) {
            encoders.pretrainedElsewhere(cell.pretrainingKey(), "another worker");
        }
        currentCell = cell.id();
        try {
            return cellRunner.runWithTimeLimit(cell, runId, compute, timeLimit, timers, monitor, progress);
        } finally {
            currentCell = null;
        }
    }

    /** Renews the running cell's lease; a store that is away for a while is the next claim's problem, not this one. */
    private void heartbeat(WorkQueue queue, String workerId, Duration lease) {
        String cell = currentCell;
        try {
            if (!queue.heartbeat(workerId, cell, lease) && cell != null) {
                log.printf(
                        "worker %s: the lease of cell %s expired (the store was unreachable for longer than it);"
                                + " another worker may run it too: the first result is kept%n",
                        workerId, cell);
            }
        } catch (RuntimeException e) {
            log.printf("worker %s: heartbeat failed: %s%n", workerId, e.getMessage());
        }
    }

    private String register(WorkQueue queue, GridSpec grid, List<Cell> cells) {
        String runId = UUID.randomUUID().toString();
        RunInfo run = GridRunner.describeRun(
                runId, grid, cells, settings, environment, Map.of("executor", "worker", "worker_host", host()));
        int open = queue.register(run, queued(cells), true);
        log.printf("registered run %s: %d of %d cells to run%n", runId, open, cells.size());
        return runId;
    }

    /** The grid's cells in the order workers take them: pre-trainings spread out first (see GridRunner). */
    public static List<WorkQueue.QueuedCell> queued(List<Cell> cells) {
        return GridRunner.interleave(cells).stream()
                .map(c -> new WorkQueue.QueuedCell(c.id(), c.pretrainingKey()))
                .toList();
    }

    private String checkRegistered(String runId, String gridHash, GridSpec grid) {
        RunInfo run = store.get().runs().stream()
                .filter(r -> r.runId().equals(runId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--run-id " + runId
                        + ": the store holds no such run; submit the grid first or leave" + " --run-id out"));
        if (!run.gridHash().equals(gridHash)) {
            throw new IllegalArgumentException("grid file " + grid.file() + " changed since run " + runId
                    + " was submitted (grid hash " + gridHash + ", submitted " + run.gridHash()
                    + "): submit it again");
        }
        return runId;
    }

    /** This machine's name, as workers are listed by {@code status}. */
    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
