package io.pretrainbench.engine.exec;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.pretrainbench.api.Compute;
import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridExpander;
import io.pretrainbench.engine.grid.GridParser;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegistryModule;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.store.StoreLocation;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A worker process of a run with process isolation ({@link WorkerPool} starts it): reads cell ids from its standard
 * input, one per line, runs each cell exactly as a thread of the run would (same plugins, threads per cell, encoder
 * cache, cooperative time limit), writes the result to the store, and reports on its standard output. It keeps its
 * pre-trained encoders in memory between cells, so a slot's later cells reuse them.
 *
 * <p>Standard output carries only the protocol ({@link WorkerProtocol}); whatever plugins print goes to standard error.
 *
 * <p>Arguments: {@code GRID RESULTS RUN_ID THREADS DEVICE ENCODER_CACHE [PLUGINS_DIR]}, with {@code DEVICE} the
 * TensorFlow device of the worker's cells ({@code /cpu:0}, or {@code /gpu:0} for the one GPU its pool lets it see).
 */
public final class CellWorker {
    /** Exit code of a worker that stopped because its run is gone. */
    static final int EXIT_PARENT_GONE = 75;

    private static final long PARENT_CHECK_MILLIS = 500;

    private CellWorker() {}

    /**
     * Halts this worker as soon as the run that started it is gone (killed with {@code kill -9}, say): an orphaned
     * worker would otherwise finish its cell, however long, and nobody would be waiting for it.
     */
    private static void exitWithParent() {
        ProcessHandle parent = ProcessHandle.current().parent().orElse(null);
        if (parent == null) {
            return;
        }
        Thread watch = new Thread(
                () -> {
                    while (parent.isAlive()) {
                        try {
                            Thread.sleep(PARENT_CHECK_MILLIS);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    Runtime.getRuntime().halt(EXIT_PARENT_GONE);
                },
                "pretrainbench-parent-watch");
        watch.setDaemon(true);
        watch.start();
    }

    public static void main(String[] args) throws Exception {
        long mainStarted = System.nanoTime();
        double jvmSeconds = ProcessHandle.current()
                .info()
                .startInstant()
                .map(start -> Duration.between(start, Instant.now()).toNanos() / 1e9)
                .orElse(0.0);
        exitWithParent();
        PrintStream protocolOut =
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // a plugin's println must not be read as a protocol message
        Path gridFile = Path.of(args[0]);
        StoreLocation results = StoreLocation.parse(args[1]);
        String runId = args[2];
        Compute compute = new Compute(Integer.parseInt(args[3]), args[4]);
        Path encoderCache = Path.of(args[5]);
        Path pluginsDir = args.length > 6 ? Path.of(args[6]) : null;

        ExecutionSettings settings = new ExecutionSettings(
                1,
                compute.threads(),
                encoderCache,
                ExecutionSettings.Isolation.THREAD,
                pluginsDir,
                results,
                new SlotDevices(List.of(compute.device())));
        Injector injector = Guice.createInjector(
                new RegistryModule(pluginsDir),
                new ExecutionModule(settings, new PrintWriter(System.err, true), false, null));
        PluginRegistry registry = injector.getInstance(PluginRegistry.class);
        long pluginsFound = System.nanoTime();
        org.tensorflow.TensorFlow.version(); // loads the native library now, not inside the first cell's time limit
        long tensorflowLoaded = System.nanoTime();
        GridSpec grid = new GridParser(registry).parse(gridFile);
        WorkerProtocol.Ready startup = new WorkerProtocol.Ready(
                jvmSeconds,
                (pluginsFound - mainStarted) / 1e9,
                (tensorflowLoaded - pluginsFound) / 1e9,
                (System.nanoTime() - tensorflowLoaded) / 1e9);
        Map<String, Cell> cells =
                GridExpander.expand(grid).stream().collect(Collectors.toMap(Cell::id, Function.identity()));
        CellRunner runner = injector.getInstance(CellRunner.class);
        WorkerProtocol.Sender report = new WorkerProtocol.Sender(protocolOut);
        ScheduledExecutorService watchdog =
                Executors.newSingleThreadScheduledExecutor(GridRunner.daemon("pretrainbench-watchdog"));
        try (ResultStore store = ResultStores.openOrCreate(results, ResultStores.DEFAULT_PATIENCE);
                ResourceMonitor monitor = new ResourceMonitor();
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            report.ready(startup);
            for (String cellId = in.readLine(); cellId != null; cellId = in.readLine()) {
                Cell cell = cells.get(cellId.strip());
                if (cell == null) {
                    report.unknownCell(cellId);
                    continue;
                }
                CellResult result = runner.runWithTimeLimit(
                        cell,
                        runId,
                        compute,
                        grid.cellTimeout(),
                        watchdog,
                        monitor,
                        (c, phase, step, total, loss) -> report.step(phase, step, total, loss));
                store.record(result);
                report.done(FinishedCell.of(result));
            }
        } finally {
            watchdog.shutdownNow();
        }
    }
}
