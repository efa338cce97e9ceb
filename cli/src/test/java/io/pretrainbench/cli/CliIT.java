package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.engine.registry.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end tests of the command line: real processes started through {@code bin/pretrain-bench}, their exit codes,
 * output and stored rows. Small grids on real Fashion-MNIST, so each run takes seconds.
 */
class CliIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two methods × two seeds, tiny budgets: enough for real training, fast enough for a test. */
    static final String SMALL_GRID =
            """
      name: small
      pretraining:
        corpus:
          - {name: fashion-mnist, params: {limit: 1000}}
        methods:
          - {name: scratch, params: {hidden: "64"}}
          - {name: autoencoder, params: {hidden: "64", epochs: 1, max_examples: 1000}}
      tasks:
        - {name: fmnist-10class, params: {test_limit: 300}}
      budgets: [50]
      protocols:
        - {name: linear-probe, params: {epochs: 20}}
      seeds: [0, 1]
      estimators: [rademacher-linear]
      """;

    @TempDir
    static Path work;

    @BeforeAll
    static void writeGrids() throws Exception {
        Files.writeString(work.resolve("small.yaml"), SMALL_GRID);
    }

    @Test
    void everySubcommandHasHelp() throws Exception {
        for (String command : List.of(
                "plugins",
                "validate",
                "run",
                "leaderboard",
                "compare",
                "crossover",
                "bounds",
                "transferability",
                "report",
                "export",
                "keygen",
                "bundle",
                "import",
                "verify",
                "site",
                "tensorboard",
                "study",
                "asymptotics",
                "export-images",
                "export-splits")) {
            Cli.Outcome help = Cli.run(work, command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            String shownAs = command.equals("asymptotics") ? "study" : command; // an alias shows its command's usage
            assertThat(help.out()).as(command).contains("Usage: pretrain-bench " + shownAs);
            assertThat(help.err())
                    .as(command + ": nothing on stderr (picocli warns there)")
                    .isEmpty();
        }
    }

    @Test
    void aStudyWritingToALogPrintsOnePlainLinePerPointWithoutCarriageReturns() throws Exception {
        Files.writeString(
                work.resolve("tiny-study.yaml"),
                """
                name: tiny
                seed: 7
                cases:
                  - case: spectral-contrastive
                    alpha: 2
                    n: [40, 80]
                    replicates: 4
                    params: {d: 4, k: 1, noise_variance: 0.2}
                """);

        Cli.Outcome outcome = Cli.run(work, "study", "tiny-study.yaml", "--out", "tiny-study");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err()).doesNotContain("\r");
        assertThat(outcome.err().lines().filter(l -> l.contains("replicates")).map(l -> l.replaceAll(" \\(.*", "")))
                .containsExactly(
                        "spectral-contrastive n=40: 4/4 replicates", "spectral-contrastive n=80: 4/4 replicates");
    }

    @Test
    void pluginsJsonListsEveryBuiltInWithItsSchema() throws Exception {
        Cli.Outcome outcome = Cli.run(work, "plugins", "--json");

        assertThat(outcome.exitCode()).isZero();
        JsonNode plugins = JSON.readTree(outcome.out());
        List<String> names = new ArrayList<>();
        plugins.forEach(
                p -> names.add(p.get("kind").asText() + ":" + p.get("name").asText()));
        assertThat(names)
                .contains(
                        "corpus:fashion-mnist",
                        "method:scratch",
                        "method:autoencoder",
                        "task:fmnist-10class",
                        "task:fmnist-binary",
                        "protocol:linear-probe",
                        "estimator:rademacher-linear");
        plugins.forEach(p -> {
            assertThat(p.get("version").asText()).isNotBlank();
            assertThat(p.get("origin").asText()).isEqualTo("built-in");
            p.get("parameters")
                    .forEach(param ->
                            assertThat(param.fieldNames()).toIterable().contains("name", "type", "default", "doc"));
        });
    }

    @Test
    void malformedGridsExitNonZeroWithOneLineAndLeaveTheStoreUnchanged() throws Exception {
        Path store = work.resolve("malformed/results.db");
        Files.createDirectories(store.getParent());
        Cli.Outcome first = Cli.run(work, "run", "small.yaml", "--results", store.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        String before = sha256(store);

        record Case(String what, String grid, String expected) {}
        List<Case> cases = List.of(
                new Case(
                        "unknown plugin",
                        SMALL_GRID.replace("name: scratch", "name: scrach"),
                        "bad.yaml:6: pretraining.methods[0].name: no pre-training method 'scrach'"),
                new Case(
                        "wrong type",
                        SMALL_GRID.replace("epochs: 1,", "epochs: one,"),
                        "bad.yaml:7: pretraining.methods[1].params.epochs:"),
                new Case(
                        "out of range",
                        SMALL_GRID.replace("test_limit: 300", "test_limit: -1"),
                        "bad.yaml:9: tasks[0].params.test_limit:"),
                new Case("yaml syntax", SMALL_GRID.replace("budgets: [50]", "budgets: [50"), "bad.yaml:"));
        for (Case c : cases) {
            Files.writeString(work.resolve("bad.yaml"), c.grid());
            Cli.Outcome outcome = Cli.run(work, "run", "bad.yaml", "--results", store.toString());
            assertThat(outcome.exitCode()).as(c.what()).isEqualTo(Main.BAD_INPUT);
            assertThat(outcome.err().strip().lines())
                    .as(c.what())
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith(c.expected());
            assertThat(sha256(store)).as(c.what()).isEqualTo(before);
        }
        Cli.Outcome missing = Cli.run(
                work,
                "run",
                "bad.yaml",
                "--results",
                work.resolve("never/results.db").toString());
        assertThat(missing.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(work.resolve("never")).doesNotExist();
    }

    @Test
    void aRunKilledMidwayResumesAndStoresEveryCellExactlyOnce() throws Exception {
        // Slow enough cells (no early stopping) that the kill lands mid-grid.
        String grid = SMALL_GRID
                .replace("seeds: [0, 1]", "seeds: [0, 1, 2, 3, 4, 5]")
                .replace("{epochs: 20}", "{epochs: 300, patience: 300}")
                .replace("budgets: [50]", "budgets: [200]");
        Files.writeString(work.resolve("kill.yaml"), grid);
        Path store = work.resolve("kill/results.db");
        Process run = Cli.builder(work, "run", "kill.yaml", "--results", store.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("kill.log").toFile())
                .start();
        // Wait until some, but not all, cells are stored, then SIGKILL the JVM (the launcher execs java).
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (storedCells(store) < 2 && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(run.isAlive())
                .as("run finished before it could be killed: %s", Files.readString(work.resolve("kill.log")))
                .isTrue();
        List<ProcessHandle> workers = run.descendants().toList(); // the run's worker processes (process isolation)
        assertThat(workers).isNotEmpty();
        run.destroyForcibly().waitFor();
        for (ProcessHandle worker : workers) { // orphaned workers notice their run is gone and stop
            worker.onExit().get(30, TimeUnit.SECONDS);
        }
        int survived = storedCells(store);
        assertThat(survived).isBetween(2, 11);

        Cli.Outcome resumed = Cli.run(work, "run", "kill.yaml", "--results", store.toString());
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("12 cells, " + survived + " already finished");

        JsonNode cells = JSON.readTree(Cli.run(work, "export", "--format", "json", "--results", store.toString())
                .out());
        Set<String> ids = new HashSet<>();
        cells.forEach(c -> ids.add(c.get("cell_id").asText()));
        assertThat(cells).hasSize(12);
        assertThat(ids).hasSize(12);
        cells.forEach(c -> assertThat(c.get("status").asText()).isEqualTo("SUCCEEDED"));
    }

    @Test
    void aThirdPartyJarRunsInAGridWithoutRebuilding() throws Exception {
        Path plugins = work.resolve("plugins");
        // The example plugin's source, compiled here against the SPI alone: what a third party does outside the
        // project.
        String source =
                Files.readString(Cli.HOME.resolve("examples/pca-plugin/src/main/java/org/example/pca/PcaMethod.java"));
        Path jar = new PluginJar()
                .source("org.example.pca.PcaMethod", source)
                .service(PretrainingMethod.class, "org.example.pca.PcaMethod")
                .write(plugins.resolve("pca.jar"));

        Cli.Outcome listed = Cli.run(work, "plugins", "--plugins", plugins.toString(), "--json");
        assertThat(listed.exitCode()).isZero();
        JsonNode pca = null;
        for (JsonNode p : JSON.readTree(listed.out())) {
            if (p.get("name").asText().equals("pca")) {
                pca = p;
            }
        }
        assertThat(pca).isNotNull();
        assertThat(pca.get("origin").asText()).isEqualTo(jar.toString());

        Files.writeString(
                work.resolve("pca.yaml"),
                SMALL_GRID
                        .replace(
                                "- {name: autoencoder, params: {hidden: \"64\", epochs: 1, max_examples: 1000}}",
                                "- {name: pca, params: {components: 32, max_examples: 1000, iterations: 10}}")
                        .replace("{hidden: \"64\"}", "{hidden: \"32\"}")
                        .replace("seeds: [0, 1]", "seeds: [0]"));
        Path store = work.resolve("pca/results.db");
        Cli.Outcome run =
                Cli.run(work, "run", "pca.yaml", "--plugins", plugins.toString(), "--results", store.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        JsonNode board = JSON.readTree(Cli.run(work, "leaderboard", "--format", "json", "--results", store.toString())
                .out());
        List<String> methods = new ArrayList<>();
        board.get("rows").forEach(row -> methods.add(row.get("method").asText()));
        assertThat(methods).contains("pca", "scratch");
    }

    @Test
    void leaderboardAndExportComeInEveryFormat() throws Exception {
        Path store = work.resolve("formats/results.db");
        assertThat(Cli.run(work, "run", "small.yaml", "--results", store.toString())
                        .exitCode())
                .isZero();

        Cli.Outcome table = Cli.run(work, "leaderboard", "--results", store.toString());
        assertThat(table.exitCode()).isZero();
        assertThat(table.out()).contains("autoencoder").contains("scratch").contains("fmnist-10class");
        assertThat(Cli.run(work, "leaderboard", "--format", "markdown", "--results", store.toString())
                        .out())
                .contains("| ")
                .contains("autoencoder");
        assertThat(Cli.run(work, "leaderboard", "--format", "csv", "--results", store.toString())
                        .out()
                        .lines()
                        .count())
                .isEqualTo(3); // header + two methods
        String csv = Cli.run(work, "export", "--format", "csv", "--results", store.toString())
                .out();
        assertThat(csv.lines().count()).isEqualTo(5); // header + 4 cells
        assertThat(csv.lines().findFirst().orElseThrow())
                .contains("cell_id")
                .contains("test_accuracy")
                .contains("rademacher-linear");
    }

    /** Cells in the store, read directly (a reader beside the running writer, as SQLite's WAL allows). */
    private static int storedCells(Path store) throws Exception {
        if (!Files.exists(store)) {
            return 0;
        }
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store);
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM cells")) {
            return rs.getInt(1);
        } catch (java.sql.SQLException notYetCreated) {
            return 0;
        }
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
