package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code crossover} end to end on a real grid: an autoencoder pre-trained for 1 and for 2 epochs against scratch, two
 * budgets, two seeds, on Fashion-MNIST (seconds). The steps must be what the stored curves hold, the crossovers what
 * {@code compare} estimates; a store whose encoders all came from the cache has no steps to show.
 */
class CrossoverIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String GRID =
            """
      name: crossover-tiny
      pretraining:
        corpus:
          - {name: fashion-mnist, params: {limit: 1000}}
        methods:
          - {name: scratch, params: {hidden: "64"}}
          - {name: autoencoder, params: {hidden: "64", epochs: [1, 2], max_examples: 1000}}
      tasks:
        - {name: fmnist-10class, params: {test_limit: 300}}
      budgets: [20, 200]
      protocols:
        - {name: linear-probe, params: {epochs: 20}}
      seeds: [0, 1]
      estimators: [rademacher-linear]
      """;

    private static final String UNKNOWN_STEPS = "no cell holds its pre-training curve (its encoder was loaded from the"
            + " cache, not trained into this store), so its steps are unknown; left off the plot";

    @TempDir
    static Path work;

    static Path store;

    @BeforeAll
    static void runGrid() throws Exception {
        Files.writeString(work.resolve("tiny.yaml"), GRID);
        store = work.resolve("trained.db");
        Cli.Outcome run = Cli.run(work, "run", "tiny.yaml", "--results", store.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    private static Cli.Outcome crossover(Path results, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("crossover", "--method", "autoencoder", "--results"));
        all.add(results.toString());
        all.addAll(List.of(args));
        return Cli.run(work, all.toArray(String[]::new));
    }

    /** Per autoencoder variant label, the length of the pre-training curve stored with one of its cells. */
    private static Map<String, Integer> storedSteps() {
        Map<String, Integer> steps = new HashMap<>();
        try (SqliteResultStore s = SqliteResultStore.open(store)) {
            for (StoredCell c : s.cells()) {
                List<Double> curve = s.curves(c.key().cellId()).get("pretrain");
                if (c.key().method().equals("autoencoder") && curve != null) {
                    String epochs = parse(c.key().methodParams()).get("epochs").asText();
                    steps.put("autoencoder{epochs=" + epochs + "}", curve.size());
                }
            }
        }
        return steps;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    @Test
    void theTableShowsEachPretrainingsStepsBesideItsCrossover() throws Exception {
        Cli.Outcome table = crossover(store);

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.err()).isEmpty();
        Map<String, Integer> steps = storedSteps();
        assertThat(steps).hasSize(2);
        assertThat(steps.get("autoencoder{epochs=2}")).isEqualTo(2 * steps.get("autoencoder{epochs=1}"));
        List<String> lines = table.out().lines().toList();
        assertThat(lines.get(1))
                .contains(
                        "variant",
                        "task",
                        "protocol",
                        "pretrain_steps",
                        "crossover_budget",
                        "95% interval",
                        "largest_budget");
        // one row per variant, fewest steps first, each with its stored steps and the largest budget
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2))
                .startsWith("autoencoder{epochs=1}")
                .contains(" " + steps.get("autoencoder{epochs=1}") + " ")
                .endsWith("200");
        assertThat(lines.get(3))
                .startsWith("autoencoder{epochs=2}")
                .contains(" " + steps.get("autoencoder{epochs=2}") + " ")
                .endsWith("200");
    }

    @Test
    void theCsvCarriesCompareCrossoversAndOutWritesTheCsvAndANonTrivialPng() throws Exception {
        Path out = work.resolve("plots");
        Cli.Outcome csv = crossover(store, "--format", "csv", "--out", out.toString());

        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(Files.readString(out.resolve("crossover.csv"))).isEqualTo(csv.out());
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("variant,task,protocol,method_params,pretrain_steps,crossover_budget,crossover_low,"
                        + "crossover_high,largest_budget,caught_up");
        assertThat(lines).hasSize(3);

        // The same crossovers as compare's label-efficiency table, variant by variant.
        Cli.Outcome compare =
                Cli.run(work, "compare", "--method", "autoencoder", "--format", "json", "--results", store.toString());
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        Map<String, Double> compared = new HashMap<>();
        for (JsonNode curve : JSON.readTree(compare.out()).get("label_efficiency")) {
            JsonNode budget = curve.get("crossover_budget");
            compared.put(
                    curve.get("method_params").asText(),
                    budget.isNull() ? Double.POSITIVE_INFINITY : budget.asDouble());
        }
        Map<String, Integer> steps = storedSteps();
        for (String line : lines.subList(1, lines.size())) {
            // variant,task,protocol,"{json, with commas}",steps,crossover,low,high,largest,caught_up
            String variant = line.substring(0, line.indexOf(','));
            String params = line.substring(line.indexOf("\"") + 1, line.lastIndexOf("\""))
                    .replace("\"\"", "\"");
            String[] after = line.substring(line.lastIndexOf("\"") + 2).split(",", -1);
            assertThat(Double.parseDouble(after[0])).as(variant).isEqualTo((double) steps.get(variant));
            assertThat(Double.parseDouble(after[1])).as(variant).isEqualTo(compared.get(params));
            assertThat(after[4]).as(variant).isEqualTo("200");
            assertThat(after[5]).as(variant).isEqualTo(String.valueOf(compared.get(params) < Double.POSITIVE_INFINITY));
        }

        BufferedImage png = ImageIO.read(out.resolve("crossover.png").toFile());
        assertThat(png.getWidth()).isEqualTo(720);
        assertThat(png.getHeight())
                .as("400 pixels and a key line per pre-training")
                .isEqualTo(400 + 2 * 15);
        assertThat(Files.size(out.resolve("crossover.png"))).isGreaterThan(10_000);
    }

    @Test
    void encodersFromAnotherStoresCacheHaveUnknownStepsNamedOnStderrAndLeftOffThePlot() throws Exception {
        // The same grid into a second store beside the first: it shares the encoder folder, so no cell trains one.
        Path cached = work.resolve("cached.db");
        Cli.Outcome run = Cli.run(work, "run", "tiny.yaml", "--results", cached.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        Cli.Outcome table =
                crossover(cached, "--out", work.resolve("cached-plots").toString());

        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().skip(2)).hasSize(2).allSatisfy(row -> assertThat(row)
                .contains(" – "));
        assertThat(table.err().lines().filter(l -> l.contains("steps are unknown")))
                .containsExactly(
                        "crossover: autoencoder{epochs=1}: " + UNKNOWN_STEPS,
                        "crossover: autoencoder{epochs=2}: " + UNKNOWN_STEPS);
        assertThat(work.resolve("cached-plots/crossover.png")).isNotEmptyFile();
    }

    @Test
    void badInputExitsWithTwoAndOneLine() throws Exception {
        Cli.Outcome unknown = Cli.run(work, "crossover", "--method", "mea", "--results", store.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err().lines())
                .containsExactly(
                        "error: --method 'mea': no cells of it in " + store + "; its methods: autoencoder, scratch");

        Cli.Outcome missing = crossover(work.resolve("none.db"));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err().lines()).singleElement().asString().contains("no results store at");

        Cli.Outcome format = crossover(store, "--format", "markdown");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err().lines()).singleElement().asString().contains("valid: [table, csv, json]");

        // Every cell the selector takes is the baseline's, so the method has none left to pair.
        Cli.Outcome noPairs = Cli.run(
                work,
                "crossover",
                "--method",
                "autoencoder{epochs=2}",
                "--baseline",
                "autoencoder{epochs=2}",
                "--results",
                store.toString());
        assertThat(noPairs.exitCode()).isEqualTo(2);
        assertThat(noPairs.err().lines()).singleElement().asString().contains("no paired cells");
    }
}
