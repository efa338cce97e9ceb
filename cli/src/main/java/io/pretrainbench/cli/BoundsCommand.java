package io.pretrainbench.cli;

import io.pretrainbench.results.bounds.BoundScores;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "bounds",
        mixinStandardHelpOptions = true,
        description = {
            "How well each bound estimator tracks the measured generalization gap across the stored cells:"
                    + " Kendall's tau between estimate and gap, its granulated form (Jiang et al. 2020: per grid"
                    + " axis, the mean tau"
                    + " over cells that differ only in that axis, columns tau_<axis>; granulated_tau is their"
                    + " mean), and the"
                    + " fraction of cells where the bound holds."
        })
final class BoundsCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Mixin
    Options.TableFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table.Format parsed = format.parsed();
        try (var store = ResultStores.openExisting(results.location)) {
            List<StoredCell> cells = store.cells();
            BoundScores.table(BoundScores.compute(cells))
                    .write(parsed, spec.commandLine().getOut());
            List<BoundScores.Diagnostic> diagnostics = BoundScores.diagnostics(cells);
            // One document per output for the machine formats; people also see the diagnostics, apart from the bounds.
            if (!diagnostics.isEmpty() && (parsed == Table.Format.TABLE || parsed == Table.Format.MARKDOWN)) {
                spec.commandLine().getOut().println();
                spec.commandLine().getOut().println("Diagnostics (values only, not bounds of the gap):");
                BoundScores.diagnosticsTable(diagnostics)
                        .write(parsed, spec.commandLine().getOut());
            }
        }
        return Main.OK;
    }
}
