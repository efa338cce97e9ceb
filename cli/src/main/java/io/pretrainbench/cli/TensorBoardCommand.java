package io.pretrainbench.cli;

import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.tensorboard.TensorBoardExport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "tensorboard",
        mixinStandardHelpOptions = true,
        description = {
            "Write the stored training curves as TensorBoard event files: one run folder per cell"
                    + " (DIR/<method>/<task>/m=<budget>/<protocol>/seed=<seed>, a method with several parameter"
                    + " sets named by the"
                    + " settings that differ, e.g. autoencoder{noise=0.3}), tags loss/pretrain and loss/finetune,"
                    + " one scalar"
                    + " per step. Open them with: tensorboard --logdir DIR. Writing again replaces the earlier files."
        })
final class TensorBoardCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the run folders.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TensorBoardExport.Summary summary;
        try (var store = ResultStores.openExisting(results.location)) {
            summary = TensorBoardExport.write(store, OutputPaths.writableDir("--out", out));
        }
        spec.commandLine()
                .getOut()
                .println(summary.runs() + " runs, " + summary.scalars() + " scalars written to " + out
                        + " (tensorboard --logdir " + out + ")");
        return Main.OK;
    }
}
