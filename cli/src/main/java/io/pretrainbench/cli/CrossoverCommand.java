package io.pretrainbench.cli;

import io.pretrainbench.results.compare.Comparison;
import io.pretrainbench.results.compare.MethodSelector;
import io.pretrainbench.results.compare.PretrainingCrossover;
import io.pretrainbench.results.compare.PretrainingSteps;
import io.pretrainbench.results.report.CrossoverChart;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "crossover",
        mixinStandardHelpOptions = true,
        description = {
            "When does the baseline catch up? Per pre-training of the method (parameters, corpus), task and protocol:"
                    + " the crossover budget as compare estimates it, with its 95%% bootstrap interval, beside the"
                    + " pre-training's optimiser steps (from its stored loss curve) and the largest budget. With --out,"
                    + " crossover.csv and crossover.png: crossover budget against pre-training steps, both on log"
                    + " scales."
        })
final class CrossoverCommand implements Callable<Integer> {
    private static final List<Table.Format> FORMATS = List.of(Table.Format.TABLE, Table.Format.CSV, Table.Format.JSON);

    @Mixin
    Options.Results results;

    @Option(
            names = "--method",
            required = true,
            description = "The pre-trained method, e.g. mae; each of its pre-trainings is a row.")
    String method;

    @Option(
            names = "--baseline",
            defaultValue = "scratch",
            description = "The baseline, e.g. scratch{architecture=vit} when the store holds several. Default:"
                    + " ${DEFAULT-VALUE}.")
    String baseline;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Also write crossover.csv and crossover.png (crossover budget against pre-training steps)"
                    + " into this folder.")
    Path out;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table, csv or json. Default: ${DEFAULT-VALUE}.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Table.Format parsed = Table.Format.parse(format, FORMATS);
        if (out != null) {
            OutputPaths.writableDir("--out", out);
        }
        List<PretrainingCrossover> crossovers;
        try (var store = ResultStores.openExisting(results.location)) {
            List<StoredCell> cells = store.cells();
            requireCells("--method", method, cells);
            requireCells("--baseline", baseline, cells);
            List<Comparison.Row> rows = Comparison.rows(cells, method, baseline);
            if (rows.isEmpty()) {
                throw new Main.UserError("no paired cells of '" + method + "' and '" + baseline + "' in "
                        + results.location.display() + " (pairs need the same task, budget, protocol and seeds)");
            }
            List<Comparison.Curve> curves = Comparison.curves(rows);
            Map<Comparison.Pretraining, OptionalDouble> steps = PretrainingSteps.of(
                    store,
                    cells,
                    curves.stream().map(Comparison.Curve::pretraining).toList());
            crossovers = PretrainingCrossover.of(curves, steps);
        }
        PrintWriter err = spec.commandLine().getErr();
        crossovers.stream()
                .filter(c -> c.pretrainSteps().isEmpty())
                .map(PretrainingCrossover::label)
                .distinct()
                .forEach(label -> err.println("crossover: " + label + ": no cell holds its pre-training curve (its"
                        + " encoder was loaded from the cache, not trained into this store), so its steps are unknown;"
                        + " left off the plot"));

        PrintWriter stdout = spec.commandLine().getOut();
        if (parsed == Table.Format.TABLE) {
            stdout.println("when " + baseline + " catches up with " + method + ": crossover budget against"
                    + " pre-training steps");
            PretrainingCrossover.labelledTable(crossovers).write(parsed, stdout);
        } else {
            PretrainingCrossover.table(crossovers).write(parsed, stdout);
        }
        if (out != null) {
            Path csv = out.resolve("crossover.csv");
            try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                PretrainingCrossover.table(crossovers).write(Table.Format.CSV, writer);
            }
            System.setProperty("java.awt.headless", "true"); // drawn off-screen, with or without a display
            Path png = out.resolve("crossover.png");
            CrossoverChart.writePng(crossovers, method + " − " + baseline + ": when the baseline catches up", png);
            err.println("crossover: wrote " + csv + " and " + png);
        }
        return Main.OK;
    }

    /** Refuses a side that selects no cell, naming the methods the store holds. */
    private void requireCells(String option, String selector, List<StoredCell> cells) {
        MethodSelector side = MethodSelector.parse(selector);
        if (cells.stream().noneMatch(c -> side.matches(c.key()))) {
            TreeSet<String> methods = new TreeSet<>();
            cells.forEach(c -> methods.add(c.key().method()));
            throw new Main.UserError(option + " '" + selector + "': no cells of it in " + results.location.display()
                    + "; its methods: " + String.join(", ", methods));
        }
    }
}
