package io.pretrainbench.engine.exec;

import io.pretrainbench.api.Compute;
import io.pretrainbench.engine.env.EnvironmentProbe;
import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridExpander;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.RunInfo;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a validated grid on this machine: expands it, skips the cells the store already has as succeeded (so a re-run
 * resumes, and retries what failed), runs the rest in {@code parallelism} slots (supervised worker processes,
 * {@link WorkerPool}, or threads of this JVM) with a time limit per cell, and writes each result to the store in its
 * own transaction as soon as it is known.
 */
public final class GridRunner {
    /** What a run did. */
    public record Summary(String runId, int cells, int skipped, int succeeded, int failed) {}

    private final Provider<ResultStore> store;
    private final CellRunner cellRunner;
    private final ExecutionSettings settings;
    private final ProgressReporter progress;
    private final EnvironmentProbe environment;

    @Inject
    public GridRunner(
            Provider<ResultStore> store,
            CellRunner cellRunner,
            ExecutionSettings settings,
            ProgressReporter progress,
            EnvironmentProbe environment) {
        this.store = store;
        this.cellRunner = cellRunner;
        this.settings = settings;
        this.progress = progress;
        this.environment = environment;
    }

    public Summary run(GridSpec grid) {
        List<Cell> cells = GridExpander.expand(grid);
        ResultStore results = store.get(); // opened only now: a grid that fails validation never touches the store
        Set<String> done = results.succeededCellIds();
        List<Cell> todo =
                interleave(cells.stream().filter(c -> !done.contains(c.id())).toList());
        String runId = UUID.randomUUID().toString();
        results.startRun(describeRun(runId, grid, cells, settings, environment, Map.of()));
        progress.start(todo.size(), cells.size() - todo.size(), cells.size());

        int failed;
        try {
            failed = settings.isolation() == ExecutionSettings.Isolation.PROCESS
                    ? new WorkerPool(settings, grid, runId, results, progress).run(todo)
                    : runOnThreads(grid, todo, runId, results);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the grid", e);
        }
        results.finishRun(runId, Instant.now());
        progress.end();
        return new Summary(runId, cells.size(), cells.size() - todo.size(), todo.size() - failed, failed);
    }

    /**
     * A new run's record: the grid, its hash, and how and where it runs (versions, hardware, parallelism, devices).
     *
     * @param executor what else describes the executor (e.g. the SLURM job of a submitted run)
     */
    public static RunInfo describeRun(
            String runId,
            GridSpec grid,
            List<Cell> cells,
            ExecutionSettings settings,
            EnvironmentProbe environment,
            Map<String, String> executor) {
        Map<String, String> env = new LinkedHashMap<>(environment.describe());
        env.put("parallelism", Integer.toString(settings.parallelism()));
        env.put("threads_per_cell", Integer.toString(settings.threadsPerCell()));
        env.put("isolation", settings.isolation().name().toLowerCase(java.util.Locale.ROOT));
        env.put("devices", settings.devices().toString());
        if (settings.devices().gpu()) {
            env.putAll(environment.gpus());
            env.put(
                    "tf_deterministic_ops",
                    System.getenv().getOrDefault("TF_DETERMINISTIC_OPS", "1")); // see WorkerPool
        }
        env.putAll(executor);
        return new RunInfo(runId, grid.name(), GridExpander.gridHash(cells), grid.source(), Instant.now(), env);
    }

    /** Runs the cells on threads of this JVM; returns how many failed. */
    private int runOnThreads(GridSpec grid, List<Cell> todo, String runId, ResultStore results)
            throws InterruptedException {
        AtomicInteger failed = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(settings.parallelism(), daemon("pretrainbench-cell"));
        ScheduledExecutorService watchdog =
                Executors.newSingleThreadScheduledExecutor(daemon("pretrainbench-watchdog"));
        // One device for every thread: SlotDevices.choose gives GPUs to worker processes only.
        Compute compute =
                new Compute(settings.threadsPerCell(), settings.devices().forSlot(0));
        try (ResourceMonitor monitor = new ResourceMonitor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Cell cell : todo) {
                futures.add(workers.submit(() -> {
                    CellResult result = cellRunner.runWithTimeLimit(
                            cell, runId, compute, grid.cellTimeout(), watchdog, monitor, progress);
                    results.record(result);
                    if (result.outcome().status() == CellStatus.FAILED) {
                        failed.incrementAndGet();
                    }
                    progress.finished(FinishedCell.of(result));
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            // Only the store can fail here (CellRunner never throws): stop, since results could not be kept.
            throw new IllegalStateException(
                    "could not store a cell's result: " + e.getCause().getMessage(), e.getCause());
        } finally {
            workers.shutdownNow();
            watchdog.shutdownNow();
        }
        return failed.get();
    }

    /**
     * Orders cells round-robin over their pre-trained encoders: with several workers, pre-trainings run side by side
     * instead of one worker waiting for another's, and a run stopped early holds comparable cells of every method.
     */
    static List<Cell> interleave(List<Cell> cells) {
        Map<String, java.util.ArrayDeque<Cell>> byEncoder = new LinkedHashMap<>();
        cells.forEach(c -> byEncoder
                .computeIfAbsent(c.pretrainingKey(), k -> new java.util.ArrayDeque<>())
                .add(c));
        List<Cell> ordered = new ArrayList<>();
        while (ordered.size() < cells.size()) {
            byEncoder.values().forEach(queue -> {
                if (!queue.isEmpty()) {
                    ordered.add(queue.poll());
                }
            });
        }
        return ordered;
    }

    /** Threads that do not keep the JVM alive, named {@code name-1}, {@code name-2}, ... */
    static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
