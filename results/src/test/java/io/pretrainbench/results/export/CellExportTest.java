package io.pretrainbench.results.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellExportTest {
    @TempDir
    Path dir;

    private List<StoredCell> cells() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
            store.startRun(Cells.run());
            store.record(Cells.succeeded("ok", "mae", 100, 0, 0.8));
            store.record(Cells.failed("bad", "mae", 100, 1, "IllegalStateException: a, \"quoted\"\nsecond line"));
            return store.cells();
        }
    }

    private String export(Table.Format format) {
        StringWriter out = new StringWriter();
        CellExport.write(cells(), format, out);
        return out.toString();
    }

    @Test
    void csvQuotesErrorsWithCommasQuotesAndNewlines() {
        String csv = export(Table.Format.CSV);
        assertThat(csv).contains("\"IllegalStateException: a, \"\"quoted\"\"\nsecond line\"");
        assertThat(csv.lines().findFirst().orElseThrow())
                .contains("bound.bound,bound.bound.confidence,bound.bound.rademacher");
    }

    @Test
    void jsonHasEveryCellOnceWithNestedBounds() throws Exception {
        JsonNode cells = new ObjectMapper().readTree(export(Table.Format.JSON));
        assertThat(cells).hasSize(2);
        JsonNode ok = cells.get(0).get("cell_id").asText().equals("ok") ? cells.get(0) : cells.get(1);
        assertThat(ok.get("bounds").get("bound").get("value").asDouble()).isEqualTo(0.7);
        assertThat(ok.get("bounds")
                        .get("bound")
                        .get("components")
                        .get("rademacher")
                        .asDouble())
                .isEqualTo(0.3);
        assertThat(ok.get("test_accuracy").asDouble()).isEqualTo(0.8);
        assertThat(ok.get("plugin_versions").get("method:mae").asText()).isEqualTo("1.0.0");
        JsonNode bad = cells.get(0) == ok ? cells.get(1) : cells.get(0);
        assertThat(bad.get("error").asText()).isEqualTo("IllegalStateException: a, \"quoted\"\nsecond line");
        assertThat(bad.get("bounds").isEmpty()).isTrue();
    }

    @Test
    void csvHasOneRecordPerCellThatParsesBackToTheStoredValues() {
        List<List<String>> records = parseCsv(export(Table.Format.CSV));
        assertThat(records).hasSize(3); // header + 2 cells, although one error spans two lines
        List<String> header = records.get(0);
        assertThat(records).allSatisfy(r -> assertThat(r).hasSameSizeAs(header));
        java.util.Map<String, java.util.Map<String, String>> byId = new java.util.HashMap<>();
        for (List<String> r : records.subList(1, records.size())) {
            java.util.Map<String, String> row = new java.util.HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), r.get(i));
            }
            byId.put(row.get("cell_id"), row);
        }
        assertThat(byId.get("bad").get("error")).isEqualTo("IllegalStateException: a, \"quoted\"\nsecond line");
        assertThat(byId.get("bad").get("test_accuracy")).isEmpty();
        assertThat(byId.get("bad").get("bound.bound")).isEmpty();
        assertThat(byId.get("ok").get("status")).isEqualTo("SUCCEEDED");
        assertThat(byId.get("ok").get("bound.bound")).isEqualTo("0.7");
        assertThat(byId.get("ok").get("bound.bound.rademacher")).isEqualTo("0.3");
        assertThat(byId.get("ok").get("plugin_versions")).isEqualTo("{\"method:mae\":\"1.0.0\"}");
        assertThat(byId.get("ok").get("estimators")).isEqualTo("{\"bound\":\"1.0.0{}\"}");
    }

    /** RFC 4180, written independently of the exporter so that the test checks its quoting. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new java.util.ArrayList<>();
        List<String> record = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new java.util.ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        assertThat(quoted).as("unterminated quote").isFalse();
        assertThat(record).as("text after the last line break").isEmpty();
        return records;
    }
}
