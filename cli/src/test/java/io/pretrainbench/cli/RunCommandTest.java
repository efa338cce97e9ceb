package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.engine.registry.PluginJar;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole grids run in-process through the command line's entry point, against a temporary store. */
class RunCommandTest {
    @TempDir
    Path dir;

    private static final String MISBEHAVING =
            """
      package example;
      import io.pretrainbench.api.*;
      import io.pretrainbench.api.model.*;
      import io.pretrainbench.api.pretrain.*;
      import java.util.List;
      public final class %s implements PretrainingMethod {
        public PluginDescriptor descriptor() {
          return new PluginDescriptor("%s", "1.0.0", "Misbehaves on purpose.", SpiVersion.CURRENT, List.of());
        }
        public Encoder pretrain(PretrainingContext c) { %s }
        public Encoder restore(EncoderState s) { throw new UnsupportedOperationException(); }
      }
      """;

    private Path misbehavingPlugins() throws Exception {
        PluginJar jar = new PluginJar();
        Map<String, String> bodies = Map.of(
                "NanMethod", "c.progress().step(\"pretrain\", 1, 1, Double.NaN); return null;",
                "SlowMethod",
                        "while (true) { c.cancellation().checkpoint(); try { Thread.sleep(20); }"
                                + " catch (InterruptedException e) { throw new RuntimeException(e); } }",
                "BrokenMethod", "throw new IllegalStateException(\"broken on purpose\");");
        Map<String, String> names =
                Map.of("NanMethod", "nan-method", "SlowMethod", "slow-method", "BrokenMethod", "broken-method");
        bodies.forEach((cls, body) -> jar.source("example." + cls, MISBEHAVING.formatted(cls, names.get(cls), body))
                .service(PretrainingMethod.class, "example." + cls));
        jar.write(dir.resolve("plugins/misbehaving.jar"));
        return dir.resolve("plugins");
    }

    private int run(String grid, String... extra) throws Exception {
        Path file = Files.writeString(dir.resolve("grid.yaml"), grid);
        String[] args = new String[4 + extra.length];
        args[0] = "run";
        args[1] = file.toString();
        args[2] = "--results";
        args[3] = dir.resolve("results.db").toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return code;
    }

    private List<StoredCell> stored() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("results.db"))) {
            return store.cells();
        }
    }

    @Test
    void failingCellsAreStoredWithTheirErrorsAndTheGridGoesOn() throws Exception {
        Path plugins = misbehavingPlugins();
        int code = run(
                """
        name: failures
        pretraining:
          corpus: [{name: fashion-mnist, params: {limit: 200}}]
          methods: [{name: scratch, params: {hidden: "16"}}, nan-method, slow-method, broken-method]
        tasks: [{name: fmnist-10class, params: {test_limit: 100}}]
        budgets: [20]
        protocols: [{name: linear-probe, params: {epochs: 5}}]
        seeds: [0, 1]
        cell_timeout_seconds: 6
        """,
                "--plugins",
                plugins.toString(),
                "--parallelism",
                "2");

        assertThat(code).isEqualTo(Main.CELLS_FAILED);
        Map<String, List<StoredCell>> byMethod =
                stored().stream().collect(Collectors.groupingBy(c -> c.key().method()));
        assertThat(byMethod.get("scratch")).hasSize(2).allSatisfy(c -> assertThat(c.status())
                .isEqualTo(CellStatus.SUCCEEDED));
        assertThat(byMethod.get("nan-method"))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.outcome().error()).contains("non-finite loss NaN"));
        // One cell trains and times out; the other waited for that pre-training and fails with its error.
        assertThat(byMethod.get("slow-method")).hasSize(2).allSatisfy(c -> assertThat(
                        c.outcome().error())
                .contains("timed out: the cell ran longer than its limit of 6 s"));
        assertThat(byMethod.get("broken-method"))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.outcome().error()).endsWith("IllegalStateException: broken on purpose"));
    }

    @Test
    void preTrainingRunsOncePerKeyAndIsReusedAcrossCellsAndRuns() throws Exception {
        String grid =
                """
        name: cache
        pretraining:
          corpus: [{name: fashion-mnist, params: {limit: 500}}]
          methods: [{name: autoencoder, params: {hidden: "32", epochs: 1}}]
        tasks: [{name: fmnist-10class, params: {test_limit: 100}}]
        budgets: [BUDGETS]
        protocols: [{name: linear-probe, params: {epochs: 5}}]
        seeds: [0, 1]
        estimators: [deng-bound]
        """;
        assertThat(run(grid.replace("BUDGETS", "20, 40"))).isZero();
        List<StoredCell> first = stored();
        assertThat(first).hasSize(4);
        assertThat(first.stream().map(c -> c.outcome().encoderChecksum()).distinct())
                .hasSize(1);
        try (Stream files = new Stream(dir.resolve("encoders"))) {
            assertThat(files.count()).as("the encoder and its curve").isEqualTo(2);
        }

        assertThat(run(grid.replace("BUDGETS", "20, 40, 60"))).isZero();
        List<StoredCell> second = stored();
        assertThat(second).hasSize(6);
        assertThat(second.stream().map(c -> c.outcome().encoderChecksum()).distinct())
                .hasSize(1);
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("results.db"))) {
            long withPretrainingCurve = second.stream()
                    .filter(c -> store.curves(c.key().cellId()).containsKey("pretrain"))
                    .count();
            assertThat(withPretrainingCurve)
                    .as("only the cell that trained the encoder has its curve")
                    .isEqualTo(1);
        }
        // Every cell's estimator saw the pre-training curve: from training, from memory, and from disk in the second
        // run.
        assertThat(second)
                .allSatisfy(c -> assertThat(c.bounds().get("deng-bound").components())
                        .containsEntry("transferability_estimated", 1.0));
    }

    /** Counts the files of a folder. */
    private record Stream(Path folder) implements AutoCloseable {
        long count() throws java.io.IOException {
            try (var files = Files.list(folder)) {
                return files.count();
            }
        }

        @Override
        public void close() {}
    }
}
