package io.pretrainbench.cli;

import io.pretrainbench.results.bundle.Bundle;
import io.pretrainbench.results.bundle.SigningKey;
import io.pretrainbench.results.store.ResultStores;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bundle",
        mixinStandardHelpOptions = true,
        description = {
            "Write a leaderboard submission bundle: every run (grid, environment, code version) and cell of the"
                    + " store in one JSON file protected by a content hash, and with --sign by an Ed25519 signature."
        })
final class BundleCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the bundle.")
    Path out;

    @Option(
            names = "--sign",
            paramLabel = "KEY",
            description = "Sign with this private key (and KEY.pub beside it), as written by keygen.")
    Path signingKey;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SigningKey key = signingKey == null ? null : readKey(); // a bad key fails before anything is written
        try (var store = ResultStores.openExisting(results.location)) {
            OutputPaths.writableFile("--out", out);
            String hash = key == null ? Bundle.write(store, out) : Bundle.writeSigned(store, out, key);
            spec.commandLine()
                    .getOut()
                    .println("bundle written to " + out + " (content sha256 " + hash + ")"
                            + (key == null ? "" : ", signed by " + key.fingerprint()));
        }
        return Main.OK;
    }

    private SigningKey readKey() {
        try {
            return SigningKey.read(signingKey);
        } catch (IllegalArgumentException e) {
            throw new Main.UserError("--sign: " + e.getMessage());
        }
    }
}
