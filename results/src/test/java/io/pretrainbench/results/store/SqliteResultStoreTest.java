package io.pretrainbench.results.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteResultStoreTest {
  @TempDir Path dir;

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
      assertThat(cell.bounds()).containsEntry("bound",
          new BoundEstimate(0.7, Map.of("rademacher", 0.3, "confidence", 0.4)));
      assertThat(cell.wallSeconds()).isEqualTo(1.5);
      assertThat(store.curves("c1")).containsEntry("finetune", List.of(2.0, 1.0, 0.5))
          .containsEntry("pretrain", List.of(1.0, 0.5));
      assertThat(store.succeededCellIds()).containsExactly("c1");
      assertThat(store.runs()).singleElement().satisfies(r -> assertThat(r.environment()).containsEntry("java", "17"));
    }
  }

  @Test
  void aRetriedCellReplacesItsFailedAttemptAndLeavesNoOrphans() throws Exception {
    try (SqliteResultStore store = open()) {
      store.record(Cells.failed("c1", "mae", 100, 0, "boom"));
      assertThat(store.succeededCellIds()).isEmpty();
      store.record(Cells.succeeded("c1", "mae", 100, 0, 0.75));
      store.record(Cells.succeeded("c1", "mae", 100, 0, 0.76));

      assertThat(store.cells()).singleElement().satisfies(c -> {
        assertThat(c.status()).isEqualTo(CellStatus.SUCCEEDED);
        assertThat(c.error()).isNull();
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
    CellResult broken = new CellResult(Cells.key("c2", "mae", 100, 1), "run-1", CellStatus.SUCCEEDED, null, 1, 1, 1,
        "enc", Optional.of(new Metrics(0.9, 0.8, 0.2, 0.4, 0.8)),
        Map.of("bound", new BoundEstimate(0.7, Map.of("x", 0.1))), Map.of(), Map.of("finetune", List.of(1.0, Double.NaN)));
    try (SqliteResultStore store = open()) {
      store.record(Cells.succeeded("c1", "mae", 100, 0, 0.75));
      assertThatThrownBy(() -> store.record(broken)).hasMessageContaining("cannot store cell")
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
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(text.toString());

    Path other = dir.resolve("other.db");
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + other)) {
      c.createStatement().execute("CREATE TABLE something (x INTEGER)");
    }
    assertThatThrownBy(() -> SqliteResultStore.open(other))
        .hasMessageContaining(other.toString()).hasMessageContaining("not a PretrainBench store");
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

  private long count(String table) throws Exception {
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("sub/results.db"));
        var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
      return rs.getLong(1);
    }
  }
}
