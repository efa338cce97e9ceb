package io.pretrainbench.cli;

import io.pretrainbench.results.report.HtmlReport;
import io.pretrainbench.results.store.ResultStores;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write one self-contained HTML file (opens offline): leaderboard, accuracy-versus-budget curves,"
                    + " gains over the baseline, bound-versus-gap plots with Kendall's tau, training curves, failed"
                    + " cells and"
                    + " the environment of every run."
        })
final class ReportCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Where to write the report.")
    Path out;

    @Option(
            names = "--baseline",
            defaultValue = "scratch",
            description = "Method the gains are measured against." + " Default: ${DEFAULT-VALUE}.")
    String baseline;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true"); // plots are drawn off-screen, with or without a display
        OutputPaths.writableFile("--out", out);
        try (var store = ResultStores.openExisting(results.location)) {
            try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                HtmlReport.write(store, baseline, writer);
            }
        }
        spec.commandLine().getOut().println("report written to " + out);
        return Main.OK;
    }
}
