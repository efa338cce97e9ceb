package io.pretrainbench.results.export;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.results.store.CanonicalJson;
import io.pretrainbench.results.store.CellKey;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every stored cell exactly once: keys, status, error, timings, metrics and bounds. JSON nests each cell's bounds
 * ({@code bounds: {estimator: {value, components: {...}}}}) and maps ({@code estimators}, {@code plugin_versions}); CSV
 * (RFC 4180 quoting) flattens bounds into {@code bound.<estimator>} and {@code bound.<estimator>.<component>} columns,
 * an estimator that failed on a cell into {@code bound.<estimator>.error}, and writes maps as JSON text. Failed cells
 * have empty metric columns. {@link ParquetExport} writes the CSV's columns, typed.
 */
public final class CellExport {
    private static final List<String> KEY_COLUMNS = List.of(
            "cell_id",
            "run_id",
            "status",
            "error",
            "method",
            "method_params",
            "corpus",
            "corpus_params",
            "pretrain_seed",
            "task",
            "task_params",
            "budget",
            "protocol",
            "protocol_params",
            "seed",
            "train_accuracy",
            "test_accuracy",
            "train_risk",
            "test_risk",
            "validation_accuracy",
            "generalization_gap",
            "wall_seconds",
            "cpu_seconds",
            "peak_memory_bytes",
            "encoder_checksum",
            "data_checksum",
            "estimators",
            "plugin_versions",
            "recorded_at");

    private CellExport() {}

    public static void write(List<StoredCell> cells, Table.Format format, Writer out) {
        table(cells, format == Table.Format.JSON).write(format, out);
    }

    /**
     * The export as a table: nested bounds and maps for JSON ({@code nested}), else the flat CSV columns that
     * {@link ParquetExport} writes too, so that every format holds the same values.
     */
    static Table table(List<StoredCell> cells, boolean nested) {
        boolean json = nested;
        List<String> columns = new ArrayList<>(KEY_COLUMNS);
        if (json) {
            columns.add("bounds");
            columns.add("bound_errors");
        } else {
            TreeSet<String> boundColumns = new TreeSet<>();
            for (StoredCell cell : cells) {
                cell.bounds().forEach((name, estimate) -> {
                    boundColumns.add("bound." + name);
                    estimate.components().keySet().forEach(c -> boundColumns.add("bound." + name + "." + c));
                });
                cell.boundErrors().keySet().forEach(name -> boundColumns.add("bound." + name + ".error"));
            }
            columns.addAll(boundColumns);
        }
        Table table = new Table(columns);
        for (StoredCell cell : cells) {
            Map<String, Object> row = keys(cell);
            Map<String, String> estimators = new TreeMap<>(cell.key().estimators());
            Map<String, String> versions = new TreeMap<>(cell.key().pluginVersions());
            row.put("estimators", json ? estimators : jsonText(estimators));
            row.put("plugin_versions", json ? versions : jsonText(versions));
            if (json) {
                Map<String, Object> bounds = new TreeMap<>();
                cell.bounds()
                        .forEach((name, e) ->
                                bounds.put(name, Map.of("value", e.value(), "components", e.components())));
                row.put("bounds", bounds);
                row.put("bound_errors", cell.boundErrors());
            } else {
                cell.bounds().forEach((name, estimate) -> flatten(row, name, estimate));
                cell.boundErrors().forEach((name, error) -> row.put("bound." + name + ".error", error));
            }
            table.add(row);
        }
        return table;
    }

    /** The fixed columns before the {@code bound.*} ones, in order. */
    static List<String> keyColumns() {
        return KEY_COLUMNS;
    }

    private static String jsonText(Map<String, String> map) {
        return CanonicalJson.write(map);
    }

    private static void flatten(Map<String, Object> row, String name, BoundEstimate estimate) {
        row.put("bound." + name, estimate.value());
        estimate.components().forEach((c, v) -> row.put("bound." + name + "." + c, v));
    }

    private static Map<String, Object> keys(StoredCell cell) {
        CellKey k = cell.key();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("cell_id", k.cellId());
        row.put("run_id", cell.runId());
        row.put("status", cell.status().name());
        row.put("error", cell.outcome().error());
        row.put("method", k.method());
        row.put("method_params", k.methodParams());
        row.put("corpus", k.corpus());
        row.put("corpus_params", k.corpusParams());
        row.put("pretrain_seed", k.pretrainSeed());
        row.put("task", k.task());
        row.put("task_params", k.taskParams());
        row.put("budget", k.budget());
        row.put("protocol", k.protocol());
        row.put("protocol_params", k.protocolParams());
        row.put("seed", k.seed());
        if (cell.metrics().isPresent()) {
            Metrics m = cell.metrics().get();
            row.put("train_accuracy", m.trainAccuracy());
            row.put("test_accuracy", m.testAccuracy());
            row.put("train_risk", m.trainRisk());
            row.put("test_risk", m.testRisk());
            row.put("validation_accuracy", m.validationAccuracy());
            row.put("generalization_gap", m.generalizationGap());
        }
        row.put("wall_seconds", cell.outcome().wallSeconds());
        row.put("cpu_seconds", cell.outcome().cpuSeconds());
        row.put("peak_memory_bytes", cell.outcome().peakMemoryBytes());
        row.put("encoder_checksum", cell.outcome().encoderChecksum());
        row.put("data_checksum", k.dataChecksum());
        row.put("recorded_at", cell.recordedAt().toString());
        return row;
    }
}
