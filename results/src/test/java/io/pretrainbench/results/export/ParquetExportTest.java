package io.pretrainbench.results.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.results.store.CellOutcome;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet export read back by an independent reader (DuckDB's {@code read_parquet}) against the CSV export. */
class ParquetExportTest {
    @TempDir
    Path dir;

    private List<StoredCell> cells() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
            store.startRun(Cells.run());
            store.record(Cells.succeeded("ok", "mae", 100, 0, 0.8125));
            store.record(Cells.failed("bad", "mae", 100, 1, "IllegalStateException: a, \"quoted\"\nsecond line"));
            // k-NN measures no risk (NaN) and one estimator failed on this cell.
            CellResult knn =
                    Cells.succeeded("knn", "scratch", 1000, 2, new Metrics(1.0, 0.7, Double.NaN, Double.NaN, 0.71));
            store.record(new CellResult(
                    knn.key(),
                    knn.runId(),
                    CellOutcome.succeeded(
                            3.25,
                            4.0,
                            123_456_789_012L,
                            knn.outcome().encoderChecksum(),
                            knn.outcome().metrics().orElseThrow(),
                            Map.of(
                                    "bound",
                                    new BoundEstimate(1.0 / 3, Map.of("rademacher", 0.1, "confidence", 2.0e-7))),
                            Map.of("other", "ArithmeticException: / by zero")),
                    Map.of()));
            return store.cells();
        }
    }

    @Test
    void everyRowAndColumnReadBackByDuckDbEqualsTheCsvExport() throws Exception {
        List<StoredCell> cells = cells();
        Path file = dir.resolve("out/cells.parquet");
        ParquetExport.write(cells, file);
        StringWriter csv = new StringWriter();
        CellExport.write(cells, Table.Format.CSV, csv);
        List<List<String>> records = CellExportTest.parseCsv(csv.toString());
        List<String> header = records.get(0);

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = duck.createStatement().executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.add(rs.getMetaData().getColumnName(i));
            }
            assertThat(columns).isEqualTo(header);
            int row = 1;
            while (rs.next()) {
                List<String> expected = records.get(row++);
                for (int i = 0; i < header.size(); i++) {
                    Object actual = rs.getObject(i + 1);
                    String want = expected.get(i);
                    String where = header.get(i) + " of " + expected.get(0);
                    if (want.isEmpty()) {
                        assertThat(actual).as(where).isNull();
                    } else if (actual instanceof Double d) {
                        assertThat(d).as(where).isEqualTo(Double.parseDouble(want)); // bit-exact, not rounded
                    } else if (actual instanceof Number n) {
                        assertThat(n.longValue()).as(where).isEqualTo(Long.parseLong(want));
                    } else {
                        assertThat(actual).as(where).isEqualTo(want);
                    }
                }
            }
            assertThat(row).as("rows").isEqualTo(records.size()).isEqualTo(cells.size() + 1);
        }
    }

    @Test
    void columnsAreTypedSoThatQueriesNeedNoCasts() throws Exception {
        Path file = dir.resolve("cells.parquet");
        ParquetExport.write(cells(), file);
        Map<String, String> types = new HashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs =
                        duck.createStatement().executeQuery("DESCRIBE SELECT * FROM read_parquet('" + file + "')")) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        assertThat(types)
                .containsEntry("budget", "INTEGER")
                .containsEntry("seed", "BIGINT")
                .containsEntry("peak_memory_bytes", "BIGINT")
                .containsEntry("test_accuracy", "DOUBLE")
                .containsEntry("bound.bound.rademacher", "DOUBLE")
                .containsEntry("bound.other.error", "VARCHAR")
                .containsEntry("method", "VARCHAR");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = duck.createStatement()
                        .executeQuery("SELECT avg(test_accuracy), count(*) FROM read_parquet('" + file
                                + "') WHERE status = 'SUCCEEDED'")) {
            rs.next();
            assertThat(rs.getDouble(1)).isEqualTo((0.8125 + 0.7) / 2);
            assertThat(rs.getLong(2)).isEqualTo(2);
        }
    }

    @Test
    void anEmptyStoreGivesAFileWithTheKeyColumnsAndNoRows() throws Exception {
        Path file = dir.resolve("empty.parquet");
        ParquetExport.write(List.of(), file);
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = duck.createStatement().executeQuery("SELECT * FROM read_parquet('" + file + "')")) {
            assertThat(rs.getMetaData().getColumnCount())
                    .isEqualTo(CellExport.keyColumns().size());
            assertThat(rs.next()).isFalse();
        }
    }
}
