package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label splits through the real launcher: the splits a run drew, exported with {@code export-splits} and given back to
 * the same grid with {@code label_splits}, reproduce every cell's metrics; a bad file is refused at validate.
 */
class LabelSplitsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What differs between two runs of the same cells: identity, run and timings. */
    private static final Set<String> PER_RUN =
            Set.of("cell_id", "run_id", "wall_seconds", "cpu_seconds", "peak_memory_bytes", "recorded_at");

    @TempDir
    Path work;

    @Test
    void exportedSplitsGivenBackToTheGridReproduceEveryCellsMetrics() throws Exception {
        Files.writeString(work.resolve("drawn.yaml"), CliIT.SMALL_GRID);
        Cli.Outcome drawn = Cli.run(work, "run", "drawn.yaml", "--results", "drawn.db");
        assertThat(drawn.exitCode()).as(drawn.err()).isZero();

        Cli.Outcome exported = Cli.run(work, "export-splits", "--results", "drawn.db", "--out", "splits.txt");
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("wrote 2 lines");
        List<String> lines = Files.readAllLines(work.resolve("splits.txt")).stream()
                .filter(l -> !l.startsWith("#"))
                .toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("50 0: ");
        assertThat(lines.get(1)).startsWith("50 1: ");
        assertThat(lines.get(0).substring("50 0: ".length()).split(" "))
                .hasSize(50)
                .doesNotHaveDuplicates();

        Files.writeString(
                work.resolve("given.yaml"),
                CliIT.SMALL_GRID.replace(
                        "{name: fmnist-10class, params: {test_limit: 300}}",
                        "{name: fmnist-10class, params: {test_limit: 300}, label_splits: splits.txt}"));
        Cli.Outcome valid = Cli.run(work, "validate", "given.yaml");
        assertThat(valid.exitCode()).as(valid.err()).isZero();
        // The same encoder cache: the pre-trained encoders are the same, only the labelled examples come from a file.
        Cli.Outcome given = Cli.run(
                work, "run", "given.yaml", "--results", "given.db", "--encoder-cache", work.resolve("encoders") + "");
        assertThat(given.exitCode()).as(given.err()).isZero();

        Map<String, JsonNode> before = cells("drawn.db");
        Map<String, JsonNode> after = cells("given.db");
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet()).hasSize(4);
        for (String cell : before.keySet()) {
            assertThat(withoutRunFields(after.get(cell))).as(cell).isEqualTo(withoutRunFields(before.get(cell)));
            assertThat(after.get(cell).get("cell_id"))
                    .isNotEqualTo(before.get(cell).get("cell_id"));
        }
    }

    @Test
    void aSplitsFileWithAnIndexOutsideThePoolIsOneLineAtValidateAndNothingIsWritten() throws Exception {
        StringBuilder line = new StringBuilder("50 0:");
        for (int i = 0; i < 50; i++) {
            line.append(' ').append(59_951 + i); // the last one is 60 000, one past the pool
        }
        Files.writeString(work.resolve("splits.txt"), line + "\n");
        Files.writeString(
                work.resolve("grid.yaml"),
                CliIT.SMALL_GRID
                        .replace("seeds: [0, 1]", "seeds: [0]")
                        .replace(
                                "{name: fmnist-10class, params: {test_limit: 300}}",
                                "{name: fmnist-10class, params: {test_limit: 300}, label_splits: splits.txt}"));

        for (String command : List.of("validate", "run")) {
            Cli.Outcome outcome = command.equals("run")
                    ? Cli.run(work, "run", "grid.yaml", "--results", "r.db")
                    : Cli.run(work, "validate", "grid.yaml");
            assertThat(outcome.exitCode()).as(command).isEqualTo(Main.BAD_INPUT);
            assertThat(outcome.err().strip().lines())
                    .as(command)
                    .singleElement()
                    .asString()
                    .endsWith("splits.txt:1: index 60000 is out of range: the task's training pool has 60000 examples"
                            + " (indices 0 to 59999)");
        }
        assertThat(work.resolve("r.db")).doesNotExist();
    }

    /** The stored cells by what they are (method, budget, protocol, seed), without their task's identity. */
    private Map<String, JsonNode> cells(String store) throws Exception {
        Cli.Outcome export = Cli.run(work, "export", "--format", "json", "--results", store);
        assertThat(export.exitCode()).as(export.err()).isZero();
        Map<String, JsonNode> cells = new TreeMap<>();
        for (JsonNode cell : JSON.readTree(export.out())) {
            cells.put(
                    cell.get("method").asText() + cell.get("method_params").asText() + " m="
                            + cell.get("budget").asText() + " seed="
                            + cell.get("seed").asText(),
                    cell);
        }
        return cells;
    }

    private static JsonNode withoutRunFields(JsonNode cell) {
        ObjectNode copy = cell.deepCopy();
        copy.remove(PER_RUN);
        return copy;
    }
}
