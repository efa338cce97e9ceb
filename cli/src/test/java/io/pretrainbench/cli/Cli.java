package io.pretrainbench.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Spawns {@code bin/pretrain-bench} as a user would: a separate process, its exit code and its output. */
final class Cli {
    /** The project root: failsafe runs in the cli module's folder. */
    static final Path HOME = Path.of("").toAbsolutePath().getParent();

    static final Path LAUNCHER = HOME.resolve("bin/pretrain-bench");

    record Outcome(int exitCode, String out, String err) {}

    private Cli() {}

    static ProcessBuilder builder(Path workDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile());
        pb.environment().put("PRETRAINBENCH_JAVA_OPTS", "-Xmx2g");
        return pb;
    }

    static Outcome run(Path workDir, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cli", ".out");
        Path err = Files.createTempFile("cli", ".err");
        Process p = builder(workDir, args)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("pretrain-bench " + String.join(" ", args) + " did not finish in 10 minutes");
        }
        return new Outcome(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Every {@code *.log} file under {@code dir}, with its name: what to show when a test of workers fails. */
    static String logs(Path dir) {
        StringBuilder all = new StringBuilder();
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                all.append("== ").append(f).append('\n').append(Files.readString(f));
            }
        } catch (IOException e) {
            all.append("(cannot read the logs: ").append(e.getMessage()).append(')');
        }
        return all.toString();
    }
}
