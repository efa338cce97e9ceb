package io.pretrainbench.results.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresResultStoreTest {
    private TestPostgres db;

    @BeforeEach
    void createDatabase() {
        db = TestPostgres.create();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private PostgresResultStore open() {
        return PostgresResultStore.open(db.location(), true, Duration.ofSeconds(5));
    }

    @Test
    void cellsReadBackExactlyAsFromTheSqliteStore(@TempDir Path dir) {
        List<CellResult> cells = List.of(
                Cells.succeeded("c2", "mae", 100, 2, 0.8123456789),
                Cells.succeeded("c1", "scratch", 20, 1, 0.5),
                Cells.failed("c3", "mae", 20, 3, "IllegalStateException: boom"));
        List<StoredCell> fromSqlite;
        try (SqliteResultStore sqlite = SqliteResultStore.open(dir.resolve("r.db"))) {
            sqlite.startRun(Cells.run());
            cells.forEach(sqlite::record);
            fromSqlite = sqlite.cells();
        }
        try (PostgresResultStore pg = open()) {
            pg.startRun(Cells.run());
            cells.forEach(pg::record);
            assertThat(pg.cells())
                    .usingRecursiveFieldByFieldElementComparatorIgnoringFields("recordedAt")
                    .containsExactlyElementsOf(fromSqlite);
            assertThat(pg.curves("c2")).isEqualTo(cells.get(0).curves());
            assertThat(pg.runs()).containsExactly(Cells.run());
            assertThat(pg.succeededCellIds()).containsExactlyInAnyOrder("c1", "c2");
        }
    }

    @Test
    void aSucceededCellIsNeverReplacedAndAFailedOneIs() {
        try (PostgresResultStore pg = open()) {
            pg.startRun(Cells.run());
            pg.record(Cells.failed("c1", "mae", 20, 1, "first try"));
            pg.record(Cells.succeeded("c1", "mae", 20, 1, 0.7));
            pg.record(Cells.succeeded("c1", "mae", 20, 1, 0.1)); // a late duplicate: ignored
            pg.record(Cells.failed("c1", "mae", 20, 1, "late failure")); // ignored too
            assertThat(pg.cells()).singleElement().satisfies(c -> assertThat(
                            c.outcome().metrics().orElseThrow().testAccuracy())
                    .isEqualTo(0.7));
        }
    }

    @Test
    void reopeningFindsTheSchemaAndItsHistory() throws Exception {
        try (PostgresResultStore pg = open()) {
            pg.startRun(Cells.run());
        }
        try (PostgresResultStore pg = PostgresResultStore.open(db.location(), false, Duration.ofSeconds(5))) {
            assertThat(pg.runs()).hasSize(1);
        }
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM " + PostgresResultStore.HISTORY_TABLE + " WHERE success")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }

    @Test
    void anEmptyDatabaseIsNotCreatedByACommandThatOnlyReads() throws Exception {
        assertThatThrownBy(() -> ResultStores.openExisting(db.location()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no results yet");
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM information_schema.tables" + " WHERE table_schema = current_schema()")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void aDatabaseOfAnotherApplicationIsRefusedAndLeftUntouched() throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INTEGER)");
        }
        assertThatThrownBy(this::open)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a PretrainBench store")
                .hasMessageContaining("[invoices]");
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT count(*) FROM information_schema.tables" + " WHERE table_schema = current_schema()")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aStoreMigratedByANewerBuildIsRefused() throws Exception {
        open().close();
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + PostgresResultStore.HISTORY_TABLE
                    + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time,"
                    + " success) VALUES (99, '99', 'future', 'SQL', 'V99__future.sql', 0, 'ptb', 0, true)");
        }
        assertThatThrownBy(this::open)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema version 99, written by a newer PretrainBench");
    }

    @Test
    void anUnreachableServerIsOneLineWithoutAnyPassword() {
        StoreLocation.Postgres nowhere = new StoreLocation.Postgres("127.0.0.1", 1, "ptb", "ptb", java.util.Map.of());
        assertThatThrownBy(() -> PostgresResultStore.open(nowhere, true, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("results store postgresql://ptb@127.0.0.1:1/ptb cannot be opened")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
