package io.pretrainbench.results.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.table.Table;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderboardTest {
  @TempDir Path dir;

  private List<LeaderboardRow> board(LeaderboardFilter filter) {
    try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
      store.startRun(Cells.run());
      // m=100: mae 0.80, 0.82, 0.84; scratch 0.60, 0.61, 0.62 (interval far below); close 0.79, 0.83, 0.80
      double[][] acc = {{0.80, 0.82, 0.84}, {0.60, 0.61, 0.62}, {0.79, 0.83, 0.80}};
      String[] methods = {"mae", "scratch", "close"};
      for (int m = 0; m < 3; m++) {
        for (int s = 0; s < 3; s++) {
          store.record(Cells.succeeded(methods[m] + s, methods[m], 100, s, acc[m][s]));
        }
      }
      store.record(Cells.failed("f", "mae", 100, 9, "ignored by the leaderboard"));
      store.record(Cells.succeeded("one", "mae", 1000, 0, 0.9));
      return Leaderboard.compute(store.cells(), filter);
    }
  }

  @Test
  void meansAndStudentTIntervalsMatchAHandComputation() {
    LeaderboardRow mae = board(LeaderboardFilter.ALL).stream()
        .filter(r -> r.method().equals("mae") && r.budget() == 100).findFirst().orElseThrow();
    // mean 0.82, s = 0.02, n = 3, t(0.975, 2) = 4.302652729911275
    double half = 4.302652729911275 * 0.02 / Math.sqrt(3);
    assertThat(mae.seeds()).isEqualTo(3);
    assertThat(mae.meanTestAccuracy()).isCloseTo(0.82, within(1e-12));
    assertThat(mae.ciLow()).isCloseTo(0.82 - half, within(1e-9));
    assertThat(mae.ciHigh()).isCloseTo(0.82 + half, within(1e-9));
  }

  @Test
  void overlappingIntervalsShareARankAndSeparatedOnesDoNot() {
    List<LeaderboardRow> rows = board(new LeaderboardFilter(null, 100, null));
    assertThat(rows).extracting(LeaderboardRow::method).containsExactly("mae", "close", "scratch");
    // competition ranking: two methods resolvably above scratch, so it is third
    assertThat(rows).extracting(LeaderboardRow::rank).containsExactly(1, 1, 3);
    assertThat(rows).extracting(LeaderboardRow::tied).containsExactly(true, true, false);
  }

  @Test
  void rankingByRiskPutsTheLowestFirst() {
    try (var store = io.pretrainbench.results.store.SqliteResultStore.open(dir.resolve("risk.db"))) {
      store.startRun(Cells.run());
      store.record(Cells.succeeded("a", "low-risk", 100, 0, 0.5));
      store.record(Cells.succeeded("b", "high-risk", 100, 0, 0.5));
      // Cells.succeeded gives every cell test risk 0.4; give one a higher risk.
      var high = Cells.succeeded("b", "high-risk", 100, 0, 0.5);
      store.record(new io.pretrainbench.results.store.CellResult(high.key(), high.runId(), high.status(), null, 1, 1, 1,
          "e", java.util.Optional.of(new io.pretrainbench.api.finetune.Metrics(0.9, 0.5, 0.2, 0.9, 0.5)),
          java.util.Map.of(), java.util.Map.of(), java.util.Map.of()));
      List<LeaderboardRow> rows = Leaderboard.compute(store.cells(), LeaderboardFilter.ALL, RankedMetric.TEST_RISK);
      assertThat(rows).extracting(LeaderboardRow::method).containsExactly("low-risk", "high-risk");
      assertThat(rows).extracting(LeaderboardRow::mean).containsExactly(0.4, 0.9);
      assertThat(rows).extracting(LeaderboardRow::rank).containsExactly(1, 2);
    }
  }

  @Test
  void aSingleSeedHasNoInterval() {
    LeaderboardRow one = board(new LeaderboardFilter("task", 1000, "linear-probe")).get(0);
    assertThat(one.seeds()).isEqualTo(1);
    assertThat(one.ciLow()).isNaN();
    StringWriter out = new StringWriter();
    Leaderboard.write(List.of(one), Table.Format.TABLE, out);
    assertThat(out.toString()).contains("n/a (1 seed)");
  }
}
