package io.pretrainbench.cli;

import io.pretrainbench.cli.study.DistributionOutput;
import io.pretrainbench.cli.study.StudyOutput;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegistryModule;
import io.pretrainbench.engine.study.StudyParser;
import io.pretrainbench.engine.study.StudyResult;
import io.pretrainbench.engine.study.StudyRow;
import io.pretrainbench.engine.study.StudyRunner;
import io.pretrainbench.engine.study.StudySpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs a study file on the case-study plugins it names; {@code asymptotics} is its older name, kept as an alias. */
@Command(
        name = "study",
        aliases = "asymptotics",
        mixinStandardHelpOptions = true,
        description = {
            "Run a study file of case-study plugins (e.g. the asymptotic pre-training theorem of Tinati and"
                    + " Tu, COLT 2026) by Monte Carlo: for each case and downstream size n (pre-training size m ="
                    + " alpha n), the"
                    + " mean of n (R - sigma^2) over seeded replicates with a 95%% CI, against the case's predicted"
                    + " limit. Writes"
                    + " NAME.csv, NAME.json (NAME: the study's name) and one PNG per case to --out, and prints the"
                    + " table; entries with label_noise: averaged also get NAME-distribution.csv,"
                    + " NAME-replicates.csv and CDF and Kolmogorov-distance plots, sweep entries NAME-sweep.csv and"
                    + " a plot of E||L(Z)||^2 against the swept parameter."
        })
final class StudyCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "STUDY.yaml", description = "The study file, e.g. grids/asymptotics.yaml.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the table and plots.")
    Path out;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "Replicates run in parallel on N threads; the results"
                    + " do not depend on N. Default: the number of processors.")
    Integer threads;

    @Mixin
    Options.Plugins plugins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        PrintWriter err = spec.commandLine().getErr();
        PluginRegistry registry = Wiring.reportProblems(
                Wiring.injector(new RegistryModule(plugins.dir)).getInstance(PluginRegistry.class), err);
        StudySpec study = new StudyParser(registry).parse(file); // a bad file: one line per problem, exit 2 (Main)
        OutputPaths.writableDir("--out", out);
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        long start = System.nanoTime();
        Object lock = new Object();
        // On a terminal one line per point is redrawn as replicates finish; in a log (CI, a pipe, nohup) each point
        // gets one plain line when it is done, instead of carriage-return-joined updates.
        boolean terminal = System.console() != null;
        StudyResult result = new StudyRunner(n, (caseName, size, done, total) -> {
                    boolean redraw = terminal && done % Math.max(1, total / 20) == 0;
                    if (done == total || redraw) {
                        synchronized (lock) {
                            err.printf(
                                    Locale.ROOT,
                                    "%s%s n=%d: %d/%d replicates (%.0f s)%s",
                                    terminal ? "\r" : "",
                                    caseName,
                                    size,
                                    done,
                                    total,
                                    (System.nanoTime() - start) / 1e9,
                                    done == total || !terminal ? "\n" : "");
                            err.flush();
                        }
                    }
                })
                .run(study);
        List<Path> written = StudyOutput.write(study, result, out);
        PrintWriter stdout = spec.commandLine().getOut();
        List<StudyRow> rows = result.rows();
        stdout.print(StudyOutput.table(rows));
        if (rows.stream().anyMatch(r -> r.distribution() != null)) {
            stdout.print(DistributionOutput.table(rows));
        }
        if (!result.sweeps().isEmpty()) {
            stdout.print(DistributionOutput.sweepTable(result.sweeps()));
        }
        stdout.printf(
                Locale.ROOT,
                "%d rows in %.0f s on %d threads; wrote %s%n",
                rows.size() + result.sweeps().size(),
                (System.nanoTime() - start) / 1e9,
                n,
                written);
        stdout.flush();
        return Main.OK;
    }
}
