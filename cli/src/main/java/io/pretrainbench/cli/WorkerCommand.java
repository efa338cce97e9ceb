package io.pretrainbench.cli;

import com.google.inject.Injector;
import io.pretrainbench.engine.exec.ExecutionModule;
import io.pretrainbench.engine.exec.ExecutionSettings;
import io.pretrainbench.engine.exec.QueueWorker;
import io.pretrainbench.engine.exec.SlotDevices;
import io.pretrainbench.engine.grid.GridParser;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegistryModule;
import io.pretrainbench.engine.storage.StoreModule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Claim cells of a grid from a shared PostgreSQL store and run them, until none is left.",
            "Start any number of workers, on any machines that share the store and the encoder cache; `submit` starts"
                    + " them as a SLURM job array. A worker that dies loses its cell only until its lease expires:"
                    + " another worker then runs it. Exit 0 when no cell is left or a limit is reached."
        })
final class WorkerCommand implements Callable<Integer> {
    @Parameters(paramLabel = "GRID", description = "The grid file (YAML).")
    Path grid;

    @Mixin
    Options.Results results;

    @Mixin
    Options.Plugins plugins;

    @Mixin
    Options.Device device;

    @Option(
            names = "--encoder-cache",
            paramLabel = "DIR",
            description = "Where pre-trained encoders are kept: the same folder, on a shared filesystem, for every"
                    + " worker of a grid. Default: ./encoders.")
    Path encoderCache;

    @Option(
            names = "--run-id",
            paramLabel = "ID",
            description = "The run registered by `submit`; without it the worker registers a new run of the grid"
                    + " (and queues again what failed before).")
    String runId;

    @Option(
            names = "--worker-id",
            paramLabel = "ID",
            description = "This worker's name in the store. Default: slurm-JOB_TASK in a SLURM array, else HOST-PID.")
    String workerId;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "TensorFlow threads per cell. Default: SLURM_CPUS_PER_TASK, else every core.")
    Integer threads;

    @Mixin
    Options.Lease lease;

    @Option(
            names = "--max-cells",
            paramLabel = "N",
            defaultValue = "" + Integer.MAX_VALUE,
            description = "Stop after this many cells.")
    int maxCells;

    @Option(
            names = "--max-time",
            paramLabel = "DURATION",
            defaultValue = "100000h",
            converter = Options.DurationConverter.class,
            description = "Claim no cell after this long (the running cell is finished first), e.g. 3h.")
    Duration maxTime;

    @Option(
            names = "--store-patience",
            paramLabel = "DURATION",
            defaultValue = "5m",
            converter = Options.DurationConverter.class,
            description = "How long an unreachable store is retried (with backoff) before the worker stops; nothing"
                    + " stored is lost, the running cell is claimed again later. Default: ${DEFAULT-VALUE}.")
    Duration storePatience;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (maxCells < 1) {
            throw new Main.UserError("--max-cells must be at least 1, got " + maxCells);
        }
        int threadsPerCell = threads != null ? threads : defaultThreads();
        if (threadsPerCell < 1) {
            throw new Main.UserError("--threads must be at least 1, got " + threadsPerCell);
        }
        SlotDevices devices = device.choose(
                ExecutionSettings.Isolation.PROCESS, spec.commandLine().getErr());
        Path cache = encoderCache != null ? encoderCache : results.defaultEncoderCache();
        ExecutionSettings settings = new ExecutionSettings(
                1, threadsPerCell, cache, ExecutionSettings.Isolation.THREAD, plugins.dir, results.location, devices);
        try (StoreModule store = new StoreModule(results.location, storePatience)) {
            Injector injector = Wiring.injector(
                    new RegistryModule(plugins.dir),
                    store,
                    new ExecutionModule(settings, spec.commandLine().getOut(), false, Wiring.home()));
            PluginRegistry registry = Wiring.reportProblems(
                    injector.getInstance(PluginRegistry.class),
                    spec.commandLine().getErr());
            GridSpec parsed = new GridParser(registry).parse(grid); // before the store is opened
            QueueWorker.Summary summary = injector.getInstance(QueueWorker.class)
                    .run(
                            parsed,
                            runId,
                            workerId != null ? workerId : defaultWorkerId(),
                            lease.checked(),
                            new QueueWorker.Limits(maxCells, maxTime),
                            spec.commandLine().getErr());
            spec.commandLine()
                    .getOut()
                    .printf(
                            "worker finished: %d cells succeeded, %d failed, run %s in %s (%s)%n",
                            summary.succeeded(),
                            summary.failed(),
                            summary.runId(),
                            results.location.display(),
                            summary.stopReason());
            return Main.OK;
        }
    }

    private static int defaultThreads() {
        String slurm = System.getenv("SLURM_CPUS_PER_TASK");
        return slurm != null && slurm.matches("\\d+")
                ? Integer.parseInt(slurm)
                : Runtime.getRuntime().availableProcessors();
    }

    private static String defaultWorkerId() {
        String job = System.getenv("SLURM_ARRAY_JOB_ID");
        String task = System.getenv("SLURM_ARRAY_TASK_ID");
        if (job != null && task != null) {
            return "slurm-" + job + "_" + task;
        }
        return QueueWorker.host() + "-" + ProcessHandle.current().pid();
    }
}
