package io.pretrainbench.cli;

import io.pretrainbench.results.bundle.Bundle;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = {"Write a leaderboard submission bundle: every run (grid, environment, code version) and cell of the"
        + " store in one JSON file protected by a content hash."})
final class BundleCommand implements Callable<Integer> {
  @Mixin Options.Results results;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the bundle.")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (var store = Stores.openExisting(results.file)) {
      String hash = Bundle.write(store, OutputPaths.writableFile("--out", out));
      spec.commandLine().getOut().println("bundle written to " + out + " (content sha256 " + hash + ")");
    }
    return Main.OK;
  }
}
