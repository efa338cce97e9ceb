package io.pretrainbench.cli;

import io.pretrainbench.results.bundle.Bundle;
import io.pretrainbench.results.store.JdbcResultStore;
import io.pretrainbench.results.store.ResultStores;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Validate a submission bundle (format, content hash, SPI and plugin versions, every record) and"
                    + " merge it into the store in one transaction. A tampered or malformed bundle is refused and"
                    + " changes nothing.",
            "A signed bundle shows its signer's key fingerprint and is refused if the signature does not match; an"
                    + " unsigned"
                    + " one is imported with a warning, since anyone could have changed it and recomputed its hash."
        })
final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The bundle.")
    Path bundle;

    @Mixin
    Options.Results results;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Bundle.Contents contents = Bundle.read(bundle); // validated before the store is even opened
        contents.signature()
                .ifPresentOrElse(
                        s -> spec.commandLine()
                                .getOut()
                                .println("signed by " + s.fingerprint() + " (signature verified)"),
                        () -> spec.commandLine()
                                .getErr()
                                .println("warning: " + bundle + " is unsigned: its content hash catches"
                                        + " damage, not changes; ask the submitter for a signed bundle"
                                        + " (bundle --sign KEY)"));
        try (JdbcResultStore store = ResultStores.openOrCreate(results.location, ResultStores.DEFAULT_PATIENCE)) {
            int written = store.merge(contents.runs(), contents.cells());
            spec.commandLine()
                    .getOut()
                    .printf(
                            "imported %d of %d cells and %d runs from %s (content sha256 %s)%n",
                            written, contents.cells().size(), contents.runs().size(), bundle, contents.contentHash());
        }
        return Main.OK;
    }
}
