package io.pretrainbench.cli;

import com.google.inject.Injector;
import io.pretrainbench.engine.exec.ExecutionModule;
import io.pretrainbench.engine.exec.ExecutionSettings;
import io.pretrainbench.engine.exec.GridRunner;
import io.pretrainbench.engine.exec.SlotDevices;
import io.pretrainbench.engine.grid.GridParser;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegistryModule;
import io.pretrainbench.engine.storage.StoreModule;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run every cell of a grid and store the results.",
            "Cells already stored as succeeded are skipped, failed ones are retried: re-running resumes."
        })
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "GRID", description = "The grid file (YAML).")
    Path grid;

    @Mixin
    Options.Results results;

    @Mixin
    Options.Plugins plugins;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            defaultValue = "1",
            description = "Cells run at once; the CPU cores are divided between them. Default: ${DEFAULT-VALUE}.")
    int parallelism;

    @Option(
            names = "--threads-per-cell",
            paramLabel = "N",
            description = "TensorFlow intra-op threads of each cell. Default: the CPU cores divided by --parallelism."
                    + " Results are bit-identical between runs with the same threads per cell.")
    Integer threadsPerCell;

    @Option(
            names = "--encoder-cache",
            paramLabel = "DIR",
            description =
                    "Where pre-trained encoders are kept for reuse. Default: 'encoders' next to a SQLite results file, ./encoders for a PostgreSQL store.")
    Path encoderCache;

    @Option(
            names = "--isolation",
            paramLabel = "MODE",
            defaultValue = "process",
            converter = IsolationConverter.class,
            description = {
                "Where cells run: 'process' (default): each parallel slot is a supervised worker process, so a cell"
                        + " that ignores its time limit is killed and one that crashes its JVM fails alone, and the"
                        + " grid goes on;"
                        + " 'thread': threads of this JVM (no worker start-up, but one misbehaving plugin can stop"
                        + " the run)."
            })
    ExecutionSettings.Isolation isolation;

    @Mixin
    Options.Device device;

    @Spec
    CommandSpec spec;

    static final class IsolationConverter implements CommandLine.ITypeConverter<ExecutionSettings.Isolation> {
        @Override
        public ExecutionSettings.Isolation convert(String value) {
            return switch (value) {
                case "process" -> ExecutionSettings.Isolation.PROCESS;
                case "thread" -> ExecutionSettings.Isolation.THREAD;
                default -> throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an isolation mode; use 'process' or 'thread'");
            };
        }
    }

    @Override
    public Integer call() throws Exception {
        Path cache = encoderCache != null ? encoderCache : results.defaultEncoderCache();
        SlotDevices devices = device.choose(isolation, spec.commandLine().getErr());
        ExecutionSettings settings =
                ExecutionSettings.forParallelism(parallelism, cache, isolation, plugins.dir, results.location, devices);
        if (threadsPerCell != null) {
            settings = settings.withThreadsPerCell(threadsPerCell);
        }
        try (StoreModule store = new StoreModule(results.location)) {
            Injector injector = Wiring.injector(
                    new RegistryModule(plugins.dir),
                    store,
                    new ExecutionModule(
                            settings, spec.commandLine().getOut(), System.console() != null, Wiring.home()));
            PluginRegistry registry = Wiring.reportProblems(
                    injector.getInstance(PluginRegistry.class),
                    spec.commandLine().getErr());
            GridSpec parsed = new GridParser(registry).parse(grid); // throws before the store is opened
            GridRunner.Summary summary = injector.getInstance(GridRunner.class).run(parsed);
            spec.commandLine().getOut().printf("results in %s (run %s)%n", results.location.display(), summary.runId());
            return summary.failed() == 0 ? Main.OK : Main.CELLS_FAILED;
        }
    }
}
