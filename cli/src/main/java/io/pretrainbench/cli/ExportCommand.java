package io.pretrainbench.cli;

import io.pretrainbench.results.export.CellExport;
import io.pretrainbench.results.export.ParquetExport;
import io.pretrainbench.results.export.PwcExport;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Every stored cell exactly once: keys, status, error, timings, metrics, bounds with their components.",
            "--format pwc writes the leaderboard instead, as Papers with Code evaluation tables (task, dataset = task"
                    + " variant + budget + protocol, model_name, metrics: mean test accuracy over seeds with its"
                    + " 95%% interval)."
        })
final class ExportCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Option(
            names = "--format",
            defaultValue = "json",
            paramLabel = "FORMAT",
            description =
                    "json, csv, parquet (the CSV's columns, typed; needs --out) or pwc (Papers with Code evaluation"
                            + " tables). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean parquet = format.toLowerCase(Locale.ROOT).equals("parquet");
        boolean pwc = format.toLowerCase(Locale.ROOT).equals("pwc");
        Table.Format parsed = parquet || pwc ? null : parseTextFormat();
        BiConsumer<List<StoredCell>, Writer> text = pwc ? PwcExport::write : (c, w) -> CellExport.write(c, parsed, w);
        if (parquet && out == null) {
            throw new Main.UserError("--format parquet writes a binary file: give --out FILE.parquet");
        }
        if (out != null) {
            OutputPaths.writableFile("--out", out);
        }
        try (var store = ResultStores.openExisting(results.location)) {
            var cells = store.cells();
            if (parquet) {
                ParquetExport.write(cells, out);
            } else if (out == null) {
                text.accept(cells, spec.commandLine().getOut());
            } else {
                try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    text.accept(cells, writer);
                }
            }
        }
        return Main.OK;
    }

    private Table.Format parseTextFormat() {
        try {
            return Table.Format.parse(format, List.of(Table.Format.JSON, Table.Format.CSV));
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("unknown format '" + format + "'; valid: [json, csv, parquet, pwc]");
        }
    }
}
