package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code transferability} end to end on a tiny real store: three checkpoints of a 3-epoch autoencoder run and a 9-epoch
 * reference, each holding 128 of 1 000 images out, linear-probed with 2 seeds (8 cells, a few seconds). The deltas it
 * prints are recomputed from {@code export}'s raw rows.
 */
class TransferabilityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GRID =
            """
            name: tiny-transferability
            pretraining:
              corpus:
                - {name: fashion-mnist, params: {limit: 1000}}
              methods:
                - {name: autoencoder, params: {hidden: "64", epochs: 3, checkpoint_epoch: [1, 2, 3], heldout: 128}}
                - {name: autoencoder, params: {hidden: "64", epochs: 9, heldout: 128}}
            tasks:
              - {name: fmnist-10class, params: {test_limit: 300}}
            budgets: [200]
            protocols:
              - {name: linear-probe, params: {epochs: 20}}
            seeds: [0, 1]
            estimators: [deng-bound]
            """;

    @TempDir
    static Path work;

    static Path store;

    @BeforeAll
    static void runGrid() throws Exception {
        Files.writeString(work.resolve("grid.yaml"), GRID);
        store = work.resolve("results.db");
        Cli.Outcome run = Cli.run(work, "run", "grid.yaml", "--results", store.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    private static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--results", store.toString(), "--format", "json"));
        Cli.Outcome outcome = Cli.run(work, all.toArray(String[]::new));
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        return JSON.readTree(outcome.out());
    }

    /** The mean test error and the held-out loss of the cells whose method parameters contain {@code marker}. */
    private static double[] exported(JsonNode cells, String marker) {
        List<JsonNode> of = StreamSupport.stream(cells.spliterator(), false)
                .filter(c -> c.get("method_params").asText().contains(marker))
                .toList();
        assertThat(of).as(marker).hasSize(2);
        double error = of.stream()
                .mapToDouble(c -> 1 - c.get("test_accuracy").asDouble())
                .average()
                .orElseThrow();
        double loss = of.get(0)
                .get("bounds")
                .get("deng-bound")
                .get("components")
                .get("pretrain_heldout_loss")
                .asDouble();
        return new double[] {error, loss};
    }

    @Test
    void thePointsAreTheCheckpointsDeltasFromTheLongerReference() throws Exception {
        JsonNode cells = json("export");
        JsonNode points = json("transferability", "--method", "autoencoder", "--reference", "epochs=9", "--points");
        JsonNode fits = json("transferability", "--method", "autoencoder", "--reference", "epochs=9");

        double[] reference = exported(cells, "\"epochs\":9");
        assertThat(points).hasSize(3);
        for (int e = 1; e <= 3; e++) {
            JsonNode p = points.get(e - 1);
            double[] checkpoint = exported(cells, "\"checkpoint_epoch\":" + e + ",");
            assertThat(p.get("trained_epochs").asInt()).isEqualTo(e);
            assertThat(p.get("heldout_loss").asDouble()).isEqualTo(checkpoint[1]);
            assertThat(p.get("delta_pre").asDouble()).isCloseTo(checkpoint[1] - reference[1], within(1e-12));
            assertThat(p.get("delta_down").asDouble()).isCloseTo(checkpoint[0] - reference[0], within(1e-12));
        }
        // Training longer lowers the loss on images it never saw.
        assertThat(points.get(0).get("heldout_loss").asDouble())
                .isGreaterThan(points.get(2).get("heldout_loss").asDouble());
        assertThat(points.get(2).get("heldout_loss").asDouble()).isGreaterThan(reference[1]);

        assertThat(fits).hasSize(1);
        JsonNode fit = fits.get(0);
        assertThat(fit.get("budget").asInt()).isEqualTo(200);
        assertThat(fit.get("checkpoints").asInt()).isEqualTo(3);
        assertThat(fit.get("reference_heldout_loss").asDouble()).isEqualTo(reference[1]);
        assertThat(fit.get("reference_test_error").asDouble()).isCloseTo(reference[0], within(1e-12));
    }

    @Test
    void aMethodWithoutCellsIsOneLineNamingWhatTheStoreHas() throws Exception {
        Cli.Outcome outcome = Cli.run(work, "transferability", "--method", "mae", "--results", store.toString());
        assertThat(outcome.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(outcome.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .contains("no succeeded cell of method 'mae'")
                .contains("[autoencoder]");
    }

    @Test
    void aCheckpointBeyondTheRunIsRefusedAtValidate() throws Exception {
        Files.writeString(work.resolve("beyond.yaml"), GRID.replace("[1, 2, 3]", "[1, 4]"));
        Cli.Outcome outcome = Cli.run(work, "validate", "beyond.yaml");
        assertThat(outcome.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(outcome.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .contains("checkpoint_epoch")
                .contains("valid: 0 (the full run) or 1..3");
    }
}
