package io.pretrainbench.cli;

import com.google.inject.Injector;
import io.pretrainbench.engine.env.EnvironmentProbe;
import io.pretrainbench.engine.exec.ExecutionSettings;
import io.pretrainbench.engine.exec.GridRunner;
import io.pretrainbench.engine.exec.QueueWorker;
import io.pretrainbench.engine.exec.SlotDevices;
import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridExpander;
import io.pretrainbench.engine.grid.GridParser;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegistryModule;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.store.RunInfo;
import io.pretrainbench.results.store.StoreLocation;
import io.pretrainbench.results.store.WorkQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Run a grid on a cluster: register it in a shared PostgreSQL store and submit a SLURM job array whose"
                    + " tasks are workers (`pretrain-bench worker`) on it. Prints the job id; follow the run with"
                    + " `pretrain-bench status`.",
            "The grid file, this checkout and the encoder cache must be on a filesystem the nodes share."
        })
final class SubmitCommand implements Callable<Integer> {
    @Parameters(paramLabel = "GRID", description = "The grid file (YAML).")
    Path grid;

    @Mixin
    Options.Results results;

    @Mixin
    Options.Plugins plugins;

    @Option(
            names = "--executor",
            paramLabel = "NAME",
            required = true,
            description = "Where the workers run: 'slurm' (a job array submitted with sbatch).")
    String executor;

    @Option(names = "--workers", paramLabel = "N", required = true, description = "Workers (array tasks).")
    int workers;

    @Option(
            names = "--max-parallel",
            paramLabel = "N",
            defaultValue = "0",
            description = "At most N tasks at once (the limit of sbatch --array); 0: no limit.")
    int maxParallel;

    @Option(names = "--partition", paramLabel = "NAME", description = "sbatch --partition.")
    String partition;

    @Option(names = "--time", paramLabel = "LIMIT", description = "sbatch --time per task, e.g. 4:00:00.")
    String time;

    @Option(
            names = "--cpus-per-task",
            paramLabel = "N",
            defaultValue = "1",
            description = "sbatch --cpus-per-task; also the TensorFlow threads of each worker. Default: 1.")
    int cpusPerTask;

    @Option(names = "--mem", paramLabel = "SIZE", description = "sbatch --mem per task, e.g. 8G.")
    String memory;

    @Option(
            names = "--gpus-per-task",
            paramLabel = "N",
            defaultValue = "0",
            description = "sbatch --gpus-per-task; with 1 each worker trains on its GPU (--device gpu:0).")
    int gpusPerTask;

    @Option(
            names = "--encoder-cache",
            paramLabel = "DIR",
            description = "Shared folder of pre-trained encoders. Default: ./encoders.")
    Path encoderCache;

    @Option(
            names = "--logs",
            paramLabel = "DIR",
            defaultValue = "runs/slurm",
            description = "Where the sbatch script and the tasks' logs go. Default: ${DEFAULT-VALUE}.")
    Path logs;

    @Mixin
    Options.Lease lease;

    @Option(names = "--dry-run", description = "Print the sbatch script; register and submit nothing.")
    boolean dryRun;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!executor.equals("slurm")) {
            throw new Main.UserError("--executor " + executor + ": not an executor; use 'slurm'");
        }
        if (workers < 1 || maxParallel < 0 || cpusPerTask < 1 || gpusPerTask < 0 || gpusPerTask > 1) {
            throw new Main.UserError("--workers and --cpus-per-task must be at least 1, --max-parallel at least 0,"
                    + " --gpus-per-task 0 or 1; got " + workers + ", " + cpusPerTask + ", " + maxParallel + ", "
                    + gpusPerTask);
        }
        if (!(results.location instanceof StoreLocation.Postgres)) { // also for --dry-run: its script would fail
            throw new Main.UserError("--results " + results.location.display() + ": a cluster run needs a"
                    + " PostgreSQL store (postgresql://user@host:port/db) that every node reaches");
        }
        Path launcher = Wiring.home() == null ? null : Wiring.home().resolve("bin/pretrain-bench");
        if (launcher == null || !Files.isExecutable(launcher)) {
            throw new Main.UserError("submit must be started through bin/pretrain-bench (the workers run it)");
        }
        String sbatch = dryRun ? "sbatch" : onPath("sbatch");
        Injector injector = Wiring.injector(new RegistryModule(plugins.dir));
        PluginRegistry registry = Wiring.reportProblems(
                injector.getInstance(PluginRegistry.class), spec.commandLine().getErr());
        GridSpec parsed = new GridParser(registry).parse(grid); // a grid that does not validate submits nothing
        List<Cell> cells = GridExpander.expand(parsed);
        String runId = UUID.randomUUID().toString();
        Path cache = (encoderCache != null ? encoderCache : results.defaultEncoderCache()).toAbsolutePath();

        List<String> command = new ArrayList<>(List.of(
                launcher.toString(),
                "worker",
                grid.toAbsolutePath().toString(),
                "--results",
                results.location.argument(),
                "--run-id",
                runId,
                "--threads",
                Integer.toString(cpusPerTask),
                "--encoder-cache",
                cache.toString(),
                "--lease",
                lease.checked().toSeconds() + "s"));
        if (plugins.dir != null) {
            command.addAll(List.of("--plugins", plugins.dir.toAbsolutePath().toString()));
        }
        if (gpusPerTask > 0) {
            command.addAll(List.of("--device", "gpu:0")); // SLURM gives each task its GPU as device 0
        }
        SlurmJob job = new SlurmJob(
                "ptb-" + parsed.name().replaceAll("[^A-Za-z0-9_.-]", "_"),
                workers,
                maxParallel,
                cpusPerTask,
                partition,
                time,
                memory,
                gpusPerTask,
                logs,
                command);
        if (dryRun) {
            spec.commandLine().getOut().print(job.script());
            spec.commandLine().getOut().flush();
            return Main.OK;
        }

        OutputPaths.writableDir("--logs", logs);
        OutputPaths.writableDir("--encoder-cache", cache);
        try (var store = ResultStores.openOrCreate(results.location, ResultStores.DEFAULT_PATIENCE)) {
            WorkQueue queue = (WorkQueue) store; // a PostgreSQL store, checked above
            ExecutionSettings settings = new ExecutionSettings(
                    workers,
                    cpusPerTask,
                    cache,
                    ExecutionSettings.Isolation.PROCESS,
                    plugins.dir,
                    results.location,
                    new SlotDevices(List.of(gpusPerTask > 0 ? "/gpu:0" : "/cpu:0")));
            RunInfo run = GridRunner.describeRun(
                    runId,
                    parsed,
                    cells,
                    settings,
                    new EnvironmentProbe(Wiring.home()),
                    Map.of("executor", "slurm", "slurm_workers", Integer.toString(workers)));
            int open = queue.register(run, QueueWorker.queued(cells), true);
            Path script = logs.resolve(runId + ".sbatch");
            Files.writeString(script, job.script(), StandardCharsets.UTF_8);
            String jobId = submit(sbatch, script);
            spec.commandLine()
                    .getOut()
                    .printf(
                            "submitted job %s: %d workers on run %s of grid %s (%d of %d cells to run)%n"
                                    + "script %s, logs in %s; follow it with: pretrain-bench status --results %s%n",
                            jobId,
                            workers,
                            runId,
                            parsed.name(),
                            open,
                            cells.size(),
                            script,
                            logs.toAbsolutePath(),
                            results.location.display());
        }
        return Main.OK;
    }

    private static String onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new Main.UserError(program + " is not on PATH: submit from a machine with the SLURM client (a login"
                + " node), or print the script with --dry-run");
    }

    /** Runs sbatch; returns the job id, or throws with SLURM's own reason. */
    private static String submit(String sbatch, Path script) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(sbatch, "--parsable", script.toString()).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new Main.UserError("sbatch did not answer within 120 s");
            }
            String stdout = new String(out, StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0 || stdout.isEmpty()) {
                String reason = new String(err, StandardCharsets.UTF_8)
                        .strip()
                        .lines()
                        .reduce((a, b) -> b)
                        .orElse("exit code " + p.exitValue());
                throw new Main.UserError("sbatch refused the job: " + reason);
            }
            return stdout.split(";")[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + sbatch + ": " + e.getMessage(), e);
        }
    }
}
