package io.pretrainbench.results.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PwcExportTest {
    @TempDir
    Path dir;

    private List<StoredCell> cells() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("a.db"))) {
            store.startRun(Cells.run());
            for (int s = 0; s < 3; s++) {
                store.record(Cells.succeeded("m" + s, "mae", 100, s, 0.70 + 0.01 * s));
                store.record(Cells.succeeded("s" + s, "scratch", 100, s, 0.60 + 0.03 * s));
            }
            store.record(Cells.succeeded("big", "mae", 1000, 0, 0.9));
            store.record(Cells.failed("f", "mae", 1000, 1, "boom"));
            return new ArrayList<>(store.cells());
        }
    }

    private static JsonNode export(List<StoredCell> cells) throws Exception {
        StringWriter out = new StringWriter();
        PwcExport.write(cells, out);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    void oneRowPerMethodInEachTaskBudgetAndProtocolWithTheMeanAccuracyAndItsStudentTInterval() throws Exception {
        JsonNode tasks = export(cells());

        assertThat(tasks).hasSize(1);
        JsonNode task = tasks.get(0);
        assertThat(task.get("task").asText()).isEqualTo("task");
        List<String> datasets = new ArrayList<>();
        task.get("datasets").forEach(d -> datasets.add(d.get("dataset").asText()));
        assertThat(datasets).containsExactly("task, m=100 labels, linear-probe", "task, m=1000 labels, linear-probe");

        JsonNode table = task.get("datasets").get(0).get("sota");
        assertThat(table.get("metrics"))
                .extracting(JsonNode::asText)
                .containsExactly("Accuracy (%)", "Accuracy 95% CI (%)", "Seeds");
        JsonNode mae = table.get("rows").get(0);
        assertThat(mae.get("model_name").asText()).isEqualTo("mae, corpus corpus");
        double half = new TDistribution(2).inverseCumulativeProbability(0.975) * 0.01 / Math.sqrt(3);
        assertThat(mae.get("metrics").get("Accuracy (%)").asText()).isEqualTo("71.00");
        assertThat(mae.get("metrics").get("Accuracy 95% CI (%)").asText())
                .isEqualTo("[" + PwcExport.percent(0.71 - half) + ", " + PwcExport.percent(0.71 + half) + "]");
        assertThat(mae.get("metrics").get("Seeds").asText()).isEqualTo("3");
        assertThat(table.get("rows").get(1).get("model_name").asText()).startsWith("scratch");
        assertThat(table.get("rows").get(1).get("metrics").get("Accuracy (%)").asText())
                .isEqualTo("63.00");

        JsonNode single = task.get("datasets").get(1).get("sota").get("rows");
        assertThat(single).as("the failed cell is not a seed").hasSize(1);
        assertThat(single.get(0).get("metrics").get("Accuracy 95% CI (%)").asText())
                .isEqualTo("n/a (1 seed)");
    }

    @Test
    void anEmptyStoreIsAnEmptyListOfTasks() throws Exception {
        assertThat(export(List.of())).isEmpty();
    }
}
