package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.engine.registry.PluginJar;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins that a time limit cannot stop cooperatively and plugins that take their JVM down, run through the real
 * launcher: with process isolation (the default) each loses only its own cells, which are stored as failed with the
 * reason, and every other cell succeeds.
 */
class MisbehavingPluginsIT {
    private static final String METHOD =
            """
      package rogue;
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

    @TempDir
    Path work;

    @Test
    void aSpinningPluginIsKilledAtItsTimeLimitAndOneThatHaltsItsJvmFailsAloneWhileTheGridGoesOn() throws Exception {
        Path plugins = work.resolve("plugins");
        new PluginJar()
                .source(
                        "rogue.Spin",
                        METHOD.formatted(
                                "Spin",
                                "spin",
                                "double x = 0; while (x >= 0) { x += Math.sqrt(x + 1); }"
                                        + " throw new IllegalStateException(\"unreachable\");"))
                .service(PretrainingMethod.class, "rogue.Spin")
                .source("rogue.Halt", METHOD.formatted("Halt", "halt", "Runtime.getRuntime().halt(13); return null;"))
                .service(PretrainingMethod.class, "rogue.Halt")
                .write(plugins.resolve("rogue.jar"));
        Files.writeString(
                work.resolve("grid.yaml"),
                """
        name: rogue
        pretraining:
          corpus: [{name: fashion-mnist, params: {limit: 200}}]
          methods: [{name: scratch, params: {hidden: "16"}}, spin, halt]
        tasks: [{name: fmnist-10class, params: {test_limit: 100}}]
        budgets: [20]
        protocols: [{name: linear-probe, params: {epochs: 5}}]
        seeds: [0, 1]
        cell_timeout_seconds: 6
        """);
        Path store = work.resolve("results.db");

        Cli.Outcome outcome = Cli.run(
                work,
                "run",
                "grid.yaml",
                "--results",
                store.toString(),
                "--plugins",
                plugins.toString(),
                "--parallelism",
                "2");

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isEqualTo(Main.CELLS_FAILED);
        assertThat(outcome.out()).contains("finished 6 cells", "2 succeeded, 4 failed");
        Map<String, List<StoredCell>> byMethod;
        try (SqliteResultStore results = SqliteResultStore.open(store)) {
            byMethod = results.cells().stream()
                    .collect(Collectors.groupingBy(c -> c.key().method()));
        }
        assertThat(byMethod.get("scratch")).hasSize(2).allSatisfy(c -> assertThat(c.status())
                .isEqualTo(CellStatus.SUCCEEDED));
        assertThat(byMethod.get("spin")).hasSize(2).allSatisfy(c -> assertThat(
                        c.outcome().error())
                .contains("timed out: the cell ran longer than its limit of 6 s")
                .contains("its worker process was killed"));
        assertThat(byMethod.get("halt"))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.outcome().error()).startsWith("its worker process died (exit code 13)"));
    }
}
