package io.pretrainbench.engine.exec;

import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.results.store.CellOutcome;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.ResultStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs cells in supervised worker processes ({@link CellWorker}), one per parallel slot, the way JMH forks a JVM per
 * trial: a cell that ignores its time limit is killed with its worker, a cell that brings its JVM down (a native crash,
 * {@code Runtime.halt}, the kernel's out-of-memory killer) is recorded as failed with the worker's exit code, and in
 * both cases the slot gets a fresh worker and the grid goes on.
 *
 * <p>Workers write their cells to the store themselves; the pool writes only the cells whose worker died. The first
 * cell of each pre-training key goes to one worker only, and the key's other cells wait until it is done (the encoder
 * is then in that worker's memory and in the encoder cache on disk), so no encoder is pre-trained twice.
 *
 * <p>Cost: one JVM start, plugin discovery and data load per slot (seconds, once per run) and a line of text per cell;
 * nothing per training step beyond a throttled progress line.
 */
final class WorkerPool {
    /** A worker that exits before it is ready this many times in a row means workers cannot start at all. */
    private static final int MAX_FAILED_STARTS = 3;

    private final ExecutionSettings settings;
    private final GridSpec grid;
    private final String runId;
    private final ResultStore store;
    private final ProgressReporter progress;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    private sealed interface Event {}

    private record Received(Worker worker, WorkerProtocol.Message message) implements Event {}

    private record Exited(Worker worker, int exitCode) implements Event {}

    WorkerPool(ExecutionSettings settings, GridSpec grid, String runId, ResultStore store, ProgressReporter progress) {
        this.settings = settings;
        this.grid = grid;
        this.runId = runId;
        this.store = store;
        this.progress = progress;
    }

    /** Runs every cell; returns how many failed. */
    int run(List<Cell> cells) throws InterruptedException {
        Deque<Cell> pending = new ArrayDeque<>(cells);
        Map<String, Worker> firstCellOfKey = new HashMap<>();
        Set<String> obtainedKeys = new HashSet<>();
        List<Worker> workers = new ArrayList<>();
        int failed = 0;
        int failedStarts = 0;
        try {
            for (int slot = 0; slot < Math.min(settings.parallelism(), cells.size()); slot++) {
                workers.add(start(slot));
            }
            while (!pending.isEmpty() || workers.stream().anyMatch(w -> w.cell != null)) {
                for (Worker w : workers) {
                    if (w.ready && w.cell == null && !w.exited) {
                        Cell next = takeFor(w, pending, firstCellOfKey, obtainedKeys);
                        if (next != null) {
                            w.send(next);
                        }
                    }
                }
                Event event = events.poll(200, TimeUnit.MILLISECONDS);
                if (event instanceof Received r && r.message() instanceof WorkerProtocol.Ready startup) {
                    r.worker().ready = true;
                    progress.workerReady(r.worker().slot, startup);
                    failedStarts = 0;
                } else if (event instanceof Received r && r.message() instanceof WorkerProtocol.Step s) {
                    if (r.worker().cell != null) {
                        progress.step(r.worker().cell, s.phase(), s.step(), s.totalSteps(), s.loss());
                    }
                } else if (event instanceof Received r && r.message() instanceof WorkerProtocol.Done d) {
                    Worker w = r.worker();
                    if (w.cell != null && firstCellOfKey.get(w.cell.pretrainingKey()) == w) {
                        obtainedKeys.add(w.cell.pretrainingKey()); // its encoder is in the cache now
                    }
                    failed += finished(r.worker(), d.cell(), firstCellOfKey);
                } else if (event instanceof Received r && r.message() instanceof WorkerProtocol.Unknown) {
                    failed += fail(
                            r.worker(),
                            "the grid file " + grid.file() + " changed since the run started: its worker"
                                    + " found no such cell; run the grid again",
                            firstCellOfKey);
                } else if (event instanceof Exited x) {
                    Worker w = x.worker();
                    w.exited = true;
                    if (w.cell != null) {
                        failed += fail(
                                w,
                                w.killedAfter != null
                                        ? timedOut(w.killedAfter)
                                        : "its worker process died (exit code " + x.exitCode() + ")" + w.lastLogLine(),
                                firstCellOfKey);
                    } else if (!w.ready && ++failedStarts >= MAX_FAILED_STARTS) {
                        throw new IllegalStateException("worker processes exit before they start (exit code "
                                + x.exitCode() + ")" + w.lastLogLine());
                    }
                    if (!pending.isEmpty()) {
                        workers.set(workers.indexOf(w), start(w.slot));
                    }
                }
                killOverdue(workers);
            }
        } finally {
            workers.forEach(Worker::stop);
        }
        return failed;
    }

    /**
     * The next cell for {@code worker}: the first pending cell whose pre-trained encoder is obtained (any worker loads
     * it from the cache) or which no other worker is obtaining. Claims the key when the cell is its first, until that
     * cell is done: only the first cell of a key waits for another worker, never the ones after it.
     */
    private static Cell takeFor(
            Worker worker, Deque<Cell> pending, Map<String, Worker> firstCellOfKey, Set<String> obtainedKeys) {
        for (Iterator<Cell> it = pending.iterator(); it.hasNext(); ) {
            Cell cell = it.next();
            if (obtainedKeys.contains(cell.pretrainingKey())) {
                it.remove();
                return cell;
            }
            Worker owner = firstCellOfKey.get(cell.pretrainingKey());
            if (owner == null || owner == worker) {
                it.remove();
                firstCellOfKey.putIfAbsent(cell.pretrainingKey(), worker);
                return cell;
            }
        }
        return null;
    }

    private int finished(Worker w, FinishedCell cell, Map<String, Worker> firstCellOfKey) {
        release(w, firstCellOfKey);
        w.cell = null;
        progress.finished(cell);
        return cell.succeeded() ? 0 : 1;
    }

    /** Stores the cell of a worker that could not report it (unless the worker stored it before it died). */
    private int fail(Worker w, String error, Map<String, Worker> firstCellOfKey) {
        Cell cell = w.cell;
        double seconds = (System.nanoTime() - w.cellStarted) / 1e9;
        if (store.succeededCellIds().contains(cell.id())) {
            return finished(
                    w,
                    new FinishedCell(cell.id(), cell.key().label(), CellStatus.SUCCEEDED, Double.NaN, null, seconds),
                    firstCellOfKey);
        }
        CellResult result = new CellResult(cell.key(), runId, CellOutcome.failed(error, seconds, 0, 0, null), Map.of());
        store.record(result);
        return finished(w, FinishedCell.of(result), firstCellOfKey);
    }

    private static void release(Worker w, Map<String, Worker> firstCellOfKey) {
        if (w.cell != null) {
            firstCellOfKey.remove(w.cell.pretrainingKey(), w);
        }
    }

    /**
     * Kills the workers whose cell ran past its limit plus a grace period: the worker signals the limit to the plugin
     * itself, so only a plugin that does not stop within the grace period gets here.
     */
    private void killOverdue(List<Worker> workers) {
        Duration limit = grid.cellTimeout();
        long grace = Math.min(30_000, Math.max(2_000, limit.toMillis() / 10));
        for (Worker w : workers) {
            if (w.cell != null
                    && w.killedAfter == null
                    && System.nanoTime() - w.cellStarted > (limit.toMillis() + grace) * 1_000_000L) {
                w.killedAfter = limit;
                w.process.destroyForcibly();
            }
        }
    }

    static String timedOut(Duration limit) {
        return "timed out: the cell ran longer than its limit of " + limit.toSeconds() + " s (cell_timeout_seconds in"
                + " the grid file) and did not stop when told, so its worker process was killed";
    }

    private Worker start(int slot) {
        try {
            Path log = Files.createTempFile("pretrainbench-worker-" + slot + "-", ".log");
            log.toFile().deleteOnExit();
            List<String> command = new ArrayList<>(javaCommand());
            command.add(CellWorker.class.getName());
            String device = settings.devices().forSlot(slot);
            command.addAll(List.of(
                    grid.file().toAbsolutePath().toString(),
                    settings.results().argument(),
                    runId,
                    Integer.toString(settings.threadsPerCell()),
                    device.startsWith("/gpu:") ? "/gpu:0" : device,
                    settings.encoderCache().toAbsolutePath().toString()));
            if (settings.pluginsDir() != null) {
                command.add(settings.pluginsDir().toAbsolutePath().toString());
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            if (device.startsWith("/gpu:")) {
                onlyGpu(builder.environment(), SlotDevices.gpuIndex(device));
            }
            Process process = builder.start();
            Worker worker = new Worker(slot, process, log);
            Thread reader = new Thread(() -> read(worker), "pretrainbench-worker-" + slot + "-reader");
            reader.setDaemon(true);
            reader.start();
            return worker;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process: " + e.getMessage(), e);
        }
    }

    /**
     * Makes GPU {@code index} (as this process numbers them) the worker's only GPU, its {@code /gpu:0}: every op runs
     * there, also those TensorFlow adds without a device (gradients). Turns TensorFlow's deterministic ops on unless
     * the user's environment says otherwise: GPU kernels (e.g. atomics in reductions) are otherwise free to vary run to
     * run.
     */
    static void onlyGpu(Map<String, String> environment, int index) {
        String visible = environment.get("CUDA_VISIBLE_DEVICES");
        List<String> ids = visible == null || visible.isBlank() ? List.of() : List.of(visible.split(","));
        environment.put(
                "CUDA_VISIBLE_DEVICES", index < ids.size() ? ids.get(index).strip() : Integer.toString(index));
        environment.putIfAbsent("TF_DETERMINISTIC_OPS", "1");
    }

    /** This JVM's executable, memory and system-property options and class path: workers run the same code. */
    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-Xm") || option.startsWith("-Xss") || option.startsWith("-D")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path")));
        return command;
    }

    private void read(Worker worker) {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(worker.process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                events.add(new Received(worker, WorkerProtocol.parse(line)));
            }
        } catch (IOException | RuntimeException e) {
            worker.process.destroyForcibly(); // a garbled protocol: the worker's cell cannot be trusted
        }
        try {
            events.add(new Exited(worker, worker.process.waitFor()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One slot's process and what it is doing; touched only by the pool's loop, except {@code process}. */
    private static final class Worker {
        final int slot;
        final Process process;
        final Path log;
        final Writer toWorker;
        boolean ready;
        boolean exited;
        Cell cell;
        long cellStarted;
        Duration killedAfter;

        Worker(int slot, Process process, Path log) {
            this.slot = slot;
            this.process = process;
            this.log = log;
            this.toWorker = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        void send(Cell next) {
            cell = next;
            cellStarted = System.nanoTime();
            try {
                toWorker.write(next.id() + "\n");
                toWorker.flush();
            } catch (IOException e) {
                process.destroyForcibly(); // its exit arrives as an event and fails the cell
            }
        }

        /** The last line the worker wrote to standard error, as ": LINE", or nothing. */
        String lastLogLine() {
            try (var lines = Files.lines(log, StandardCharsets.UTF_8)) {
                return lines.filter(l -> !l.isBlank())
                        .reduce((a, b) -> b)
                        .map(l -> ": " + l.strip())
                        .orElse("");
            } catch (IOException | UncheckedIOException e) {
                return "";
            }
        }

        void stop() {
            try {
                toWorker.close(); // end of input: the worker finishes and exits
            } catch (IOException ignored) {
                // already gone
            }
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file; deleteOnExit takes it otherwise
            }
        }
    }
}
