package io.pretrainbench.cli;

import io.pretrainbench.results.bundle.SigningKey;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "keygen",
        mixinStandardHelpOptions = true,
        description = {
            "Make an Ed25519 key pair for signing bundles (bundle --sign KEY): the private key in KEY"
                    + " (PKCS#8 PEM, mode 600; keep it secret) and the public key in KEY.pub. Prints the key's"
                    + " fingerprint, which"
                    + " import shows for every bundle signed with it. Never overwrites a key."
        })
final class KeygenCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "KEY", description = "Where to write the private key.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SigningKey key = SigningKey.generate();
        OutputPaths.writableDir("--out", out.toAbsolutePath().getParent());
        try {
            key.save(out);
        } catch (FileAlreadyExistsException e) {
            throw new Main.UserError("--out " + out + ": " + e.getFile()
                    + " exists; keygen never overwrites a key (give" + " another --out)");
        }
        spec.commandLine()
                .getOut()
                .printf(
                        "private key %s, public key %s%nfingerprint %s%n",
                        out, SigningKey.publicKeyFile(out), key.fingerprint());
        return Main.OK;
    }
}
