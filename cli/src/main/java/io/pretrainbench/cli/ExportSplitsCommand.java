package io.pretrainbench.cli;

import io.pretrainbench.engine.exec.DrawnSplits;
import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridExpander;
import io.pretrainbench.engine.grid.GridParser;
import io.pretrainbench.engine.grid.LabelSplits;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegistryModule;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.store.RunInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "export-splits",
        mixinStandardHelpOptions = true,
        description = {
            "Write the labelled examples the store's cells were given, as a label-splits file: one line per budget and"
                    + " seed, 'BUDGET SEED: INDEX ...', indices into the task's training pool, of each class the"
                    + " validation hold-out first. A grid whose task entry names the file (label_splits: FILE) runs"
                    + " the same cells, with the same validation_fraction."
        })
final class ExportSplitsCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Mixin
    Options.Plugins plugins;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The label-splits file to write.")
    Path out;

    @Option(
            names = "--task",
            paramLabel = "NAME",
            description = "The downstream task whose cells to export, when the store holds several.")
    String task;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        OutputPaths.writableFile("--out", out);
        List<RunInfo> runs;
        Set<String> stored;
        try (var store = ResultStores.openExisting(results.location)) {
            runs = store.runs();
            stored = store.cells().stream().map(c -> c.key().cellId()).collect(Collectors.toSet());
        }
        PluginRegistry registry = Wiring.reportProblems(
                Wiring.injector(new RegistryModule(plugins.dir)).getInstance(PluginRegistry.class),
                spec.commandLine().getErr());
        // The cells as their runs' grids define them: the store keeps each run's grid text, not the cells' splits.
        Map<String, Cell> cells = new TreeMap<>();
        for (RunInfo run : runs) {
            GridExpander.expand(new GridParser(registry).parse(Path.of(run.gridName() + ".yaml"), run.gridSource()))
                    .stream()
                    .filter(cell -> stored.contains(cell.id()))
                    .filter(cell -> task == null || cell.task().name().equals(task))
                    .forEach(cell -> cells.putIfAbsent(cell.id(), cell));
        }
        if (cells.isEmpty()) {
            throw new Main.UserError("store " + results.location.display() + " has no cells"
                    + (task == null ? "" : " of task '" + task + "'"));
        }
        List<String> tasks = cells.values().stream()
                .map(cell -> cell.task().label())
                .distinct()
                .toList();
        if (tasks.size() > 1) {
            throw new Main.UserError("store " + results.location.display() + " holds cells of " + tasks.size()
                    + " tasks, and a label-splits file indexes one task's training pool: choose one with --task"
                    + " (the tasks: " + tasks + ")");
        }
        var lines = DrawnSplits.of(new ArrayList<>(cells.values()), registry);
        Files.writeString(
                out,
                LabelSplits.format(lines, "task " + tasks.get(0) + ", cells of " + results.location.display()),
                StandardCharsets.UTF_8);
        spec.commandLine()
                .getOut()
                .printf("wrote %d lines (budgets × seeds) of task %s to %s%n", lines.size(), tasks.get(0), out);
        return Main.OK;
    }
}
