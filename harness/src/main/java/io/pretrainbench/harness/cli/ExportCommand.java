package io.pretrainbench.harness.cli;

import io.pretrainbench.results.export.CellExport;
import io.pretrainbench.results.table.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Every stored cell exactly once: keys, status, error, timings, metrics, bounds with their components.")
final class ExportCommand implements Callable<Integer> {
  @Mixin Options.Results results;

  @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
      description = "json or csv. Default: ${DEFAULT-VALUE}.")
  String format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Table.Format parsed = Table.Format.parse(format, List.of(Table.Format.JSON, Table.Format.CSV));
    try (var store = Stores.openExisting(results.file)) {
      CellExport.write(store.cells(), parsed, spec.commandLine().getOut());
    }
    return Main.OK;
  }
}
