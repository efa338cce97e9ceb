package io.pretrainbench.results.table;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of named values, rendered as an aligned text table, Markdown, CSV or JSON. Leaderboard and export share it so
 * that every output format means the same columns.
 */
public final class Table {
    /** The output formats; the names are what users type after {@code --format}. */
    public enum Format {
        TABLE,
        MARKDOWN,
        CSV,
        JSON;

        public static Format parse(String name, List<Format> allowed) {
            for (Format f : allowed) {
                if (f.name().equalsIgnoreCase(name)) {
                    return f;
                }
            }
            throw new IllegalArgumentException("unknown format '" + name + "'; valid: "
                    + allowed.stream()
                            .map(f -> f.name().toLowerCase(Locale.ROOT))
                            .toList());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final List<String> columns;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    public Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Adds a row; keys must be columns, missing ones are empty. Values may be nested maps for JSON. */
    public Table add(Map<String, ?> row) {
        for (String key : row.keySet()) {
            if (!columns.contains(key)) {
                throw new IllegalArgumentException("no column '" + key + "' in " + columns);
            }
        }
        rows.add(new LinkedHashMap<>(row));
        return this;
    }

    public List<String> columns() {
        return columns;
    }

    /**
     * This table with {@code column} renamed to {@code renamed} and its values passed through {@code mapping}: for
     * example full canonical parameter JSON replaced by the settings that tell rows apart, for people to read.
     */
    public Table mapColumn(String column, String renamed, java.util.function.UnaryOperator<Object> mapping) {
        Table mapped = new Table(
                columns.stream().map(c -> c.equals(column) ? renamed : c).toList());
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new LinkedHashMap<>();
            row.forEach((key, value) ->
                    copy.put(key.equals(column) ? renamed : key, key.equals(column) ? mapping.apply(value) : value));
            mapped.add(copy);
        }
        return mapped;
    }

    /** The rows as added (a missing key is an empty cell); for writers of other formats, such as Parquet. */
    public List<Map<String, Object>> rows() {
        return rows.stream().map(java.util.Collections::unmodifiableMap).toList();
    }

    public void write(Format format, Writer out) {
        try {
            switch (format) {
                case JSON -> {
                    out.write(JSON.writeValueAsString(jsonRows()));
                    out.write('\n');
                }
                case CSV -> {
                    out.write(String.join(",", columns.stream().map(Table::csv).toList()) + "\n");
                    for (Map<String, Object> row : rows) {
                        out.write(String.join(
                                        ",",
                                        columns.stream()
                                                .map(c -> csv(exact(row.get(c))))
                                                .toList()) + "\n");
                    }
                }
                case MARKDOWN -> {
                    out.write("| " + String.join(" | ", columns) + " |\n");
                    out.write("|" + "---|".repeat(columns.size()) + "\n");
                    for (Map<String, Object> row : rows) {
                        out.write("| "
                                + String.join(
                                        " | ",
                                        columns.stream()
                                                .map(c -> text(row.get(c))
                                                        .replace("|", "\\|")
                                                        .replace("\n", " "))
                                                .toList())
                                + " |\n");
                    }
                }
                case TABLE -> {
                    int[] width = new int[columns.size()];
                    for (int i = 0; i < width.length; i++) {
                        width[i] = columns.get(i).length();
                        for (Map<String, Object> row : rows) {
                            width[i] = Math.max(
                                    width[i], text(row.get(columns.get(i))).length());
                        }
                    }
                    writeAligned(out, columns, width);
                    for (Map<String, Object> row : rows) {
                        writeAligned(
                                out, columns.stream().map(c -> text(row.get(c))).toList(), width);
                    }
                }
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows as JSON-ready maps in column order, non-finite numbers as null; for composing larger documents. */
    public List<Map<String, Object>> jsonRows() {
        List<Map<String, Object>> ordered = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            columns.forEach(c -> o.put(c, jsonValue(row.get(c))));
            ordered.add(o);
        }
        return ordered;
    }

    private static void writeAligned(Writer out, List<String> cells, int[] width) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(String.format(
                    Locale.ROOT, "%-" + width[i] + "s", cells.get(i).replace("\n", " ")));
            if (i < cells.size() - 1) {
                line.append("  ");
            }
        }
        out.write(line.toString().stripTrailing() + "\n");
    }

    /** Display form for terminals and Markdown: doubles with 4 decimals, NaN and null as empty. */
    static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d) {
            return d.isNaN() ? "" : String.format(Locale.ROOT, "%.4f", d);
        }
        return value.toString();
    }

    /** Machine form for CSV: full precision, NaN and null as empty. */
    static String exact(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() ? "" : d.toString();
        }
        return value == null ? "" : value.toString();
    }

    private static Object jsonValue(Object value) {
        return value instanceof Double d && !Double.isFinite(d) ? null : value;
    }

    /** RFC 4180: quote fields holding a comma, quote or line break; double the quotes. */
    static String csv(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return "\"" + field.replace("\"", "\"\"") + "\"";
        }
        return field;
    }
}
