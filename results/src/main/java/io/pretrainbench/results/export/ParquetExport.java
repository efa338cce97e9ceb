package io.pretrainbench.results.export;

import blue.strategic.parquet.ParquetWriter;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * The CSV export's columns as one Parquet file: one row per cell, every column optional and typed (strings as UTF-8,
 * budgets as INT32, seeds and byte counts as INT64, metrics, timings and bounds as DOUBLE). An empty CSV field is a
 * null here: a failed cell's metrics, a NaN metric (the test risk of k-NN), an absent error. Maps ({@code estimators},
 * {@code plugin_versions}) are JSON text, as in the CSV.
 *
 * <p>Written through parquet-floor, parquet-java's writer with the handful of Hadoop classes it touches vendored in:
 * Parquet without the ~100 jars of a Hadoop client (see the results README).
 */
public final class ParquetExport {
    private static final Map<String, PrimitiveTypeName> KEY_TYPES = Map.ofEntries(
            Map.entry("pretrain_seed", PrimitiveTypeName.INT64),
            Map.entry("budget", PrimitiveTypeName.INT32),
            Map.entry("seed", PrimitiveTypeName.INT64),
            Map.entry("train_accuracy", PrimitiveTypeName.DOUBLE),
            Map.entry("test_accuracy", PrimitiveTypeName.DOUBLE),
            Map.entry("train_risk", PrimitiveTypeName.DOUBLE),
            Map.entry("test_risk", PrimitiveTypeName.DOUBLE),
            Map.entry("validation_accuracy", PrimitiveTypeName.DOUBLE),
            Map.entry("generalization_gap", PrimitiveTypeName.DOUBLE),
            Map.entry("wall_seconds", PrimitiveTypeName.DOUBLE),
            Map.entry("cpu_seconds", PrimitiveTypeName.DOUBLE),
            Map.entry("peak_memory_bytes", PrimitiveTypeName.INT64));

    private ParquetExport() {}

    /** Writes every cell to {@code file}, replacing it; parent folders are created. */
    public static void write(List<StoredCell> cells, Path file) {
        Table table = CellExport.table(cells, false);
        MessageType schema = schema(table.columns());
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (ParquetWriter<Map<String, Object>> writer = ParquetWriter.writeFile(
                    schema,
                    file.toFile(),
                    (row, values) -> row.forEach((column, value) -> {
                        Object typed = typed(schema, column, value);
                        if (typed != null) {
                            values.write(column, typed);
                        }
                    }))) {
                for (Map<String, Object> row : table.rows()) {
                    writer.write(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static MessageType schema(List<String> columns) {
        List<Type> fields = new ArrayList<>();
        for (String column : columns) {
            PrimitiveTypeName type = type(column);
            var builder = Types.optional(type);
            fields.add(
                    type == PrimitiveTypeName.BINARY
                            ? builder.as(LogicalTypeAnnotation.stringType()).named(column)
                            : builder.named(column));
        }
        return new MessageType("cell", fields);
    }

    /** Key columns by name; {@code bound.<estimator>[.<component>]} values are doubles, {@code ...error} text. */
    private static PrimitiveTypeName type(String column) {
        if (CellExport.keyColumns().contains(column)) {
            return KEY_TYPES.getOrDefault(column, PrimitiveTypeName.BINARY);
        }
        return column.endsWith(".error") ? PrimitiveTypeName.BINARY : PrimitiveTypeName.DOUBLE;
    }

    /** The value as the column's Java type; null (nothing written) for null and NaN, as the CSV leaves them empty. */
    private static Object typed(MessageType schema, String column, Object value) {
        if (value == null || value instanceof Double d && d.isNaN()) {
            return null;
        }
        return switch (schema.getType(column).asPrimitiveType().getPrimitiveTypeName()) {
            case INT32 -> ((Number) value).intValue();
            case INT64 -> ((Number) value).longValue();
            case DOUBLE -> ((Number) value).doubleValue();
            default -> value.toString();
        };
    }
}
