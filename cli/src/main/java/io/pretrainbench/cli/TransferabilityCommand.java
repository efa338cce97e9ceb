package io.pretrainbench.cli;

import io.pretrainbench.results.bounds.Transferability;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.table.Table;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "transferability",
        mixinStandardHelpOptions = true,
        description = {
            "Fits the transferability constants (C_beta, beta) of Deng et al. (2024) over the checkpoints of one"
                    + " pre-training run (cells whose method parameters differ only in checkpoint_epoch, pre-trained"
                    + " with heldout > 0 and evaluated by deng-bound): per task, protocol and budget, least squares of"
                    + " log(test error - reference's) on log(held-out pre-training loss - reference's), 95%% bootstrap"
                    + " intervals over the checkpoints, and the deng-bound parameters that carry the fit."
        })
final class TransferabilityCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Option(names = "--method", required = true, paramLabel = "NAME", description = "The pre-training method.")
    String method;

    @Option(
            names = "--reference",
            paramLabel = "KEY=VALUE",
            description = "A method parameter of the reference encoder h* (repeatable), e.g. epochs=30 for a run"
                    + " longer than the checkpoints'. Default: the encoder trained for the most epochs.")
    Map<String, String> reference = new LinkedHashMap<>();

    @Option(
            names = "--points",
            description = "Print every checkpoint's held-out loss, test error and both deltas instead of the fits.")
    boolean points;

    @Mixin
    Options.TableFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table.Format parsed = format.parsed();
        try (var store = ResultStores.openExisting(results.location)) {
            Transferability.Analysis analysis = Transferability.analyse(store.cells(), method, reference);
            (points ? Transferability.pointsTable(analysis) : Transferability.fitsTable(analysis))
                    .write(parsed, spec.commandLine().getOut());
        }
        return Main.OK;
    }
}
