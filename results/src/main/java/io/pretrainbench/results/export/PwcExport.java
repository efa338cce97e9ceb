package io.pretrainbench.results.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pretrainbench.results.leaderboard.Leaderboard;
import io.pretrainbench.results.leaderboard.LeaderboardFilter;
import io.pretrainbench.results.leaderboard.LeaderboardRow;
import io.pretrainbench.results.store.StoredCell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The leaderboard in the shape of Papers with Code's evaluation tables ({@code evaluation-tables.json}, as read by
 * their {@code sota-extractor}): a list of tasks, each with datasets, each with a {@code sota} table of {@code metrics}
 * names and {@code rows} of {@code model_name} and a metric map, so the results can be published where people look for
 * them.
 *
 * <p>A PwC dataset is one (task variant, budget, protocol) group of the leaderboard, e.g. {@code fmnist-10class, m=100
 * labels, linear-probe}, and a row one method variant in it: the numbers are {@link Leaderboard}'s, mean test accuracy
 * over the seeds with its 95% Student-t interval, written as PwC writes accuracies (percent strings).
 */
public final class PwcExport {
    static final String ACCURACY = "Accuracy (%)";
    static final String INTERVAL = "Accuracy 95% CI (%)";
    static final String SEEDS = "Seeds";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PwcExport() {}

    public static void write(List<StoredCell> cells, Writer out) {
        List<LeaderboardRow> rows = Leaderboard.compute(cells, LeaderboardFilter.ALL);
        // The display table's labels (task and protocol variants, method variants): the names the leaderboard shows.
        List<Map<String, Object>> labels = Leaderboard.table(rows, true).rows();
        Map<String, Map<String, List<Map<String, Object>>>> byTaskAndDataset = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            LeaderboardRow r = rows.get(i);
            Map<String, Object> label = labels.get(i);
            String task = (String) label.get("task");
            String dataset = task + ", m=" + r.budget() + " labels, " + label.get("protocol");
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put(ACCURACY, percent(r.meanTestAccuracy()));
            metrics.put(
                    INTERVAL,
                    Double.isNaN(r.ciLow())
                            ? "n/a (" + r.seeds() + " seed)"
                            : "[" + percent(r.ciLow()) + ", " + percent(r.ciHigh()) + "]");
            metrics.put(SEEDS, Integer.toString(r.seeds()));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("model_name", label.get("method") + (r.corpus().isEmpty() ? "" : ", corpus " + r.corpus()));
            row.put("metrics", metrics);
            row.put("paper_title", "");
            row.put("paper_url", "");
            row.put("paper_date", null);
            row.put("code_links", List.of());
            row.put("model_links", List.of());
            byTaskAndDataset
                    .computeIfAbsent(task, t -> new LinkedHashMap<>())
                    .computeIfAbsent(dataset, d -> new ArrayList<>())
                    .add(row);
        }
        List<Object> tasks = new ArrayList<>();
        byTaskAndDataset.forEach((task, datasets) -> {
            List<Object> datasetEntries = new ArrayList<>();
            datasets.forEach((dataset, rowsOfDataset) -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("dataset", dataset);
                entry.put("description", "");
                entry.put("sota", Map.of("metrics", List.of(ACCURACY, INTERVAL, SEEDS), "rows", rowsOfDataset));
                entry.put("subdatasets", List.of());
                entry.put("dataset_links", List.of());
                entry.put("dataset_citations", List.of());
                datasetEntries.add(entry);
            });
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("task", task);
            entry.put("description", "");
            entry.put("categories", List.of());
            entry.put("datasets", datasetEntries);
            entry.put("subtasks", List.of());
            entry.put("synonyms", List.of());
            entry.put("source_link", null);
            tasks.add(entry);
        });
        try {
            out.write(JSON.writeValueAsString(tasks));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PwC's accuracies are percent with two decimals. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f", 100 * fraction);
    }
}
