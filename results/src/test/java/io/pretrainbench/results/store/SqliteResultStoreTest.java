package io.pretrainbench.results.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteResultStoreTest {
    @TempDir
    Path dir;

    private SqliteResultStore open() {
        SqliteResultStore store = SqliteResultStore.open(dir.resolve("sub/results.db"));
        store.startRun(Cells.run());
        return store;
    }

    @Test
    void aCellRoundTripsWithItsMetricsBoundsAndCurves() {
        try (SqliteResultStore store = open()) {
            store.record(Cells.succeeded("c1", "mae", 100, 0, 0.75));

            StoredCell cell = store.cells().get(0);
            assertThat(cell.key()).isEqualTo(Cells.key("c1", "mae", 100, 0));
            assertThat(cell.metrics()).contains(new Metrics(0.9, 0.75, 0.2, 0.4, 0.8));
            assertThat(cell.bounds())
                    .containsEntry("bound", new BoundEstimate(0.7, Map.of("rademacher", 0.3, "confidence", 0.4)));
            assertThat(cell.outcome().wallSeconds()).isEqualTo(1.5);
            assertThat(store.curves("c1"))
                    .containsEntry("finetune", List.of(2.0, 1.0, 0.5))
                    .containsEntry("pretrain", List.of(1.0, 0.5));
            assertThat(store.succeededCellIds()).containsExactly("c1");
            assertThat(store.runs()).singleElement().satisfies(r -> assertThat(r.environment())
                    .containsEntry("java", "17"));
        }
    }

    @Test
    void aRetriedCellReplacesItsFailedAttemptAndLeavesNoOrphans() throws Exception {
        try (SqliteResultStore store = open()) {
            store.record(Cells.failed("c1", "mae", 100, 0, "boom"));
            assertThat(store.succeededCellIds()).isEmpty();
            store.record(Cells.succeeded("c1", "mae", 100, 0, 0.76));
            store.record(Cells.succeeded("c1", "mae", 100, 0, 0.75)); // a second success is not stored: once only

            assertThat(store.cells()).singleElement().satisfies(c -> {
                assertThat(c.status()).isEqualTo(CellStatus.SUCCEEDED);
                assertThat(c.outcome().error()).isNull();
                assertThat(c.metrics().orElseThrow().testAccuracy()).isEqualTo(0.76);
            });
        }
        assertThat(count("metrics")).isEqualTo(1);
        assertThat(count("bounds")).isEqualTo(1);
        assertThat(count("bound_components")).isEqualTo(2);
        assertThat(count("curves")).isEqualTo(5);
    }

    @Test
    void aWriteThatFailsMidwayLeavesNothingOfTheCell() throws Exception {
        // NaN is not a valid curve value (the column is NOT NULL and SQLite stores NaN as NULL): the insert of the
        // curves, the last part of the transaction, fails after the cell, metrics and bounds rows were written.
        CellResult broken = new CellResult(
                Cells.key("c2", "mae", 100, 1),
                "run-1",
                CellOutcome.succeeded(
                        1,
                        1,
                        1,
                        "enc",
                        new Metrics(0.9, 0.8, 0.2, 0.4, 0.8),
                        Map.of("bound", new BoundEstimate(0.7, Map.of("x", 0.1))),
                        Map.of()),
                Map.of("finetune", List.of(1.0, Double.NaN)));
        try (SqliteResultStore store = open()) {
            store.record(Cells.succeeded("c1", "mae", 100, 0, 0.75));
            assertThatThrownBy(() -> store.record(broken))
                    .hasMessageContaining("cannot store cell")
                    .hasMessageContaining(dir.resolve("sub/results.db").toString());
            assertThat(store.cells()).extracting(c -> c.key().cellId()).containsExactly("c1");
            store.record(Cells.succeeded("c3", "mae", 100, 2, 0.7)); // the store is still usable
        }
        assertThat(count("cells")).isEqualTo(2);
        assertThat(count("metrics")).isEqualTo(2);
        assertThat(count("bounds")).isEqualTo(2);
    }

    @Test
    void aFileThatIsNotAStoreIsRefusedNamingIt() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "this is not a database, just some text ".repeat(100));
        assertThatThrownBy(() -> SqliteResultStore.open(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text.toString());

        Path other = dir.resolve("other.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + other)) {
            c.createStatement().execute("CREATE TABLE something (x INTEGER)");
        }
        assertThatThrownBy(() -> SqliteResultStore.open(other))
                .hasMessageContaining(other.toString())
                .hasMessageContaining("not a PretrainBench store");
    }

    @Test
    void reopeningKeepsEverything() {
        try (SqliteResultStore store = open()) {
            store.record(Cells.succeeded("c1", "mae", 100, 0, 0.75));
            store.finishRun("run-1", Instant.now());
        }
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("sub/results.db"))) {
            assertThat(store.succeededCellIds()).containsExactly("c1");
        }
    }

    @Test
    void theResumeSetHoldsSucceededCellsOnlySoFailedOnesAreRetried() {
        try (SqliteResultStore store = open()) {
            store.record(Cells.succeeded("a", "mae", 100, 0, 0.8));
            store.record(Cells.failed("b", "mae", 100, 1, "out of memory"));
            store.record(Cells.succeeded("c", "scratch", 100, 0, 0.6));
            assertThat(store.succeededCellIds()).containsExactlyInAnyOrder("a", "c");

            store.record(Cells.failed("b", "mae", 100, 1, "out of memory again"));
            assertThat(store.succeededCellIds()).containsExactlyInAnyOrder("a", "c");
            assertThat(store.cells())
                    .filteredOn(c -> c.key().cellId().equals("b"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.outcome().error()).isEqualTo("out of memory again"));

            store.record(Cells.succeeded("b", "mae", 100, 1, 0.7));
            assertThat(store.succeededCellIds()).containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void workerThreadsRecordingAtOnceStoreEveryCellExactlyOnce() throws Exception {
        int threads = 4;
        int perThread = 15;
        try (SqliteResultStore store = open()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        String id = "t" + thread + "-" + i;
                        store.record(Cells.failed(id, "mae", 100, i, "first attempt"));
                        store.record(Cells.succeeded(id, "mae", 100, i, 0.5));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            pool.shutdown();
            assertThat(store.succeededCellIds()).hasSize(threads * perThread);
            assertThat(store.cells()).hasSize(threads * perThread);
        }
        assertThat(count("metrics")).isEqualTo(threads * perThread);
        assertThat(count("bound_components")).isEqualTo(2L * threads * perThread);
        assertThat(count("curves")).isEqualTo(5L * threads * perThread);
    }

    @Test
    void aCellOfAnUnknownRunIsRefusedWithNothingWritten() throws Exception {
        CellResult ok = Cells.succeeded("c1", "mae", 100, 0, 0.75);
        CellResult orphan = new CellResult(ok.key(), "no-such-run", ok.outcome(), ok.curves());
        try (SqliteResultStore store = open()) {
            assertThatThrownBy(() -> store.record(orphan))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no-such-run")
                    .hasMessageContaining("startRun");
            assertThatThrownBy(() -> store.finishRun("no-such-run", Instant.now()))
                    .hasMessageContaining("no-such-run")
                    .hasMessageContaining("run-1");
        }
        assertThat(count("cells")).isZero();
        assertThat(count("curves")).isZero();
    }

    @Test
    void curvesAreFoundForAnyCellId() {
        try (SqliteResultStore store = open()) {
            CellResult ok = Cells.succeeded("x", "mae", 100, 0, 0.75);
            CellKey k = ok.key();
            CellKey quoted = new CellKey(
                    "it's; DROP TABLE cells",
                    k.method(),
                    k.methodParams(),
                    k.corpus(),
                    k.corpusParams(),
                    k.pretrainSeed(),
                    k.task(),
                    k.taskParams(),
                    k.budget(),
                    k.protocol(),
                    k.protocolParams(),
                    k.seed(),
                    k.estimators(),
                    k.pluginVersions(),
                    k.dataChecksum());
            store.record(new CellResult(quoted, ok.runId(), ok.outcome(), ok.curves()));
            assertThat(store.curves(quoted.cellId())).containsEntry("pretrain", List.of(1.0, 0.5));
            assertThat(store.cells()).hasSize(1);
        }
    }

    @Test
    void aDatabaseOfAnotherApplicationIsRefusedAndLeftUntouched() throws Exception {
        Path foreign = dir.resolve("foreign.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + foreign)) {
            c.createStatement().execute("PRAGMA application_id = 7");
            c.createStatement().execute("CREATE TABLE cells (x INTEGER)");
        }
        assertThatThrownBy(() -> SqliteResultStore.open(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(foreign.toString())
                .hasMessageContaining("another application");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + foreign);
                var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.getString(1)).isEqualTo("delete"); // not switched to WAL
        }

        Path partial = dir.resolve("partial.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + partial)) {
            c.createStatement().execute("PRAGMA user_version = 1");
            c.createStatement().execute("CREATE TABLE cells (x INTEGER)");
        }
        assertThatThrownBy(() -> SqliteResultStore.open(partial))
                .hasMessageContaining(partial.toString())
                .hasMessageContaining("not a PretrainBench store")
                .hasMessageContaining("missing [bound_components, bounds");
    }

    @Test
    void aStoreWrittenBeforeEstimatorKindsExistedReadsItsEstimatesAsBounds() throws Exception {
        Path file = dir.resolve("sub/results.db");
        try (SqliteResultStore store = open()) {
            store.record(new CellResult(
                    Cells.key("c1", "mae", 100, 0),
                    "run-1",
                    CellOutcome.succeeded(
                            1,
                            1,
                            1,
                            "e",
                            new Metrics(0.9, 0.8, 0.1, 0.2, 0.5),
                            Map.of("b", new BoundEstimate(0.3, Map.of())),
                            Map.of()),
                    Map.of()));
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("ALTER TABLE bounds DROP COLUMN kind"); // as SPI 1.1's store wrote it
        }
        try (SqliteResultStore store = SqliteResultStore.open(file)) {
            StoredCell cell = store.cells().get(0);
            assertThat(cell.bounds()).containsOnlyKeys("b");
            assertThat(cell.diagnostics()).isEmpty();
        }
    }

    @Test
    void aStoreOfANewerSchemaVersionIsRefused() throws Exception {
        Path file = dir.resolve("sub/results.db");
        open().close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("PRAGMA user_version = " + (SqliteResultStore.SCHEMA_VERSION + 1));
        }
        assertThatThrownBy(() -> SqliteResultStore.open(file))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("newer PretrainBench")
                .hasMessageContaining("reads version " + SqliteResultStore.SCHEMA_VERSION);
    }

    @Test
    void aNewStoreIsMarkedAsPretrainBenchInWalMode() throws Exception {
        open().close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/results.db"));
                var s = c.createStatement()) {
            assertThat(s.executeQuery("PRAGMA application_id").getInt(1)).isEqualTo(SqliteResultStore.APPLICATION_ID);
            assertThat(s.executeQuery("PRAGMA user_version").getInt(1)).isEqualTo(SqliteResultStore.SCHEMA_VERSION);
            assertThat(s.executeQuery("PRAGMA journal_mode").getString(1)).isEqualTo("wal");
        }
    }

    private long count(String table) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/results.db"));
                var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            return rs.getLong(1);
        }
    }
}
