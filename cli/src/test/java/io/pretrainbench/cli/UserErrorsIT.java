package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new user's mistakes look like from the real launcher: each ends in one line naming the file, key or option and
 * what would be valid, with the documented exit code, never a stack trace and never silence.
 */
class UserErrorsIT {
    private static final Path FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path work;

    @Test
    void aGarbageJarAndAJarWithoutPluginsAreNamedWhileTheOtherPluginsLoad() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        byte[] garbage = new byte[2000];
        new Random(7).nextBytes(garbage);
        Files.write(plugins.resolve("garbage.jar"), garbage);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(plugins.resolve("no-plugin.jar")))) {
            jar.putNextEntry(new ZipEntry("readme.txt"));
            jar.write("not a plugin".getBytes());
        }

        Cli.Outcome outcome = Cli.run(work, "plugins", "--plugins", plugins.toString());

        assertThat(outcome.exitCode()).isZero();
        assertThat(outcome.out()).contains("fashion-mnist", "linear-probe");
        assertThat(outcome.err().lines())
                .anySatisfy(line -> assertThat(line).contains("garbage.jar").contains("not a readable jar"))
                .anySatisfy(line -> assertThat(line)
                        .contains("no-plugin.jar")
                        .contains("no plugin in it")
                        .contains("META-INF/services"));
        assertNoStackTrace(outcome);
    }

    @Test
    void runningIntoAFileThatIsNotAStoreExitsTwoWithOneLineAndLeavesItAlone() throws Exception {
        Path notAStore = Files.writeString(work.resolve("notes.db"), "my notes, not a database");
        Files.writeString(work.resolve("grid.yaml"), CliIT.SMALL_GRID);

        Cli.Outcome outcome = Cli.run(work, "run", "grid.yaml", "--results", notAStore.toString());

        assertThat(outcome.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(outcome.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .startsWith("error: results store " + notAStore)
                .contains("give another --results PATH");
        assertThat(Files.readString(notAStore)).isEqualTo("my notes, not a database");
    }

    @Test
    void aTruncatedFashionMnistFileIsNamedAtValidate() throws Exception {
        Path data = Files.createDirectories(work.resolve("fmnist"));
        try (var files = Files.list(FASHION_MNIST)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".gz")).toList()) {
                Files.copy(f, data.resolve(f.getFileName()));
            }
        }
        Path damaged = data.resolve("t10k-labels-idx1-ubyte.gz");
        byte[] whole = Files.readAllBytes(damaged);
        Files.write(damaged, java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(
                work.resolve("grid.yaml"),
                CliIT.SMALL_GRID.replace(
                        "{name: fmnist-10class, params: {test_limit: 300}}",
                        "{name: fmnist-10class, params: {test_limit: 300, data_dir: \"" + data + "\"}}"));

        Cli.Outcome outcome = Cli.run(work, "validate", "grid.yaml");

        assertThat(outcome.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(outcome.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .contains(damaged.toString())
                .contains("truncated or damaged")
                .contains("dataset-fashion-mnist");
    }

    @Test
    void anOutputPathThatCannotBeWrittenIsNamedBeforeAnyWork() throws Exception {
        Path store = work.resolve("results.db");
        Files.writeString(work.resolve("grid.yaml"), CliIT.SMALL_GRID);
        assertThat(Cli.run(work, "run", "grid.yaml", "--results", store.toString(), "--isolation", "thread")
                        .exitCode())
                .isZero();
        Path unwritable = Path.of("/proc/pretrainbench-cannot-write-here");
        record Case(String[] args, String option) {}
        for (Case c : List.of(
                new Case(new String[] {"report", "--out", unwritable + "/r.html"}, "--out"),
                new Case(new String[] {"bundle", "--out", unwritable + "/b.json"}, "--out"),
                new Case(new String[] {"export", "--format", "csv", "--out", unwritable + "/c.csv"}, "--out"),
                new Case(new String[] {"tensorboard", "--out", unwritable.toString()}, "--out"))) {
            List<String> args = new java.util.ArrayList<>(List.of(c.args()));
            args.addAll(List.of("--results", store.toString()));
            Cli.Outcome outcome = Cli.run(work, args.toArray(String[]::new));

            assertThat(outcome.exitCode()).as(args.toString()).isEqualTo(Main.BAD_INPUT);
            assertThat(outcome.err().strip().lines())
                    .as(args.toString())
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith("error: " + c.option() + " " + unwritable)
                    .contains("cannot write there");
        }
    }

    @Test
    void aMistypedOptionValueIsOneLineNamingTheOptionNotTheWholeUsage() throws Exception {
        Cli.Outcome outcome = Cli.run(work, "leaderboard", "--budget", "abc");

        assertThat(outcome.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(outcome.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .contains("--budget")
                .contains("'abc' is not an int")
                .contains("pretrain-bench leaderboard --help");

        Cli.Outcome isolation = Cli.run(work, "run", "grid.yaml", "--isolation", "container");
        assertThat(isolation.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(isolation.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .contains("--isolation")
                .contains("use 'process' or 'thread'");
    }

    @Test
    void mavenAsTheScriptsRunItWritesPlainTextWithoutColourCodes() throws Exception {
        // bin/quickstart and bin/test build through bin/mvn-plain; plain Maven 3.8 writes ESC[0m even with -B -q
        Process mvn = new ProcessBuilder(Cli.HOME.resolve("bin/mvn-plain").toString(), "-q", "-o", "-N", "validate")
                .directory(Cli.HOME.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(mvn.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(mvn.waitFor()).as(output).isZero();
        assertThat(output).doesNotContain("\u001b");
    }

    private static void assertNoStackTrace(Cli.Outcome outcome) {
        assertThat(outcome.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    }
}
