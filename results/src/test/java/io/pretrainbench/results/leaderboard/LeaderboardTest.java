package io.pretrainbench.results.leaderboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.table.Table;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderboardTest {
    @TempDir
    Path dir;

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
                .filter(r -> r.method().equals("mae") && r.budget() == 100)
                .findFirst()
                .orElseThrow();
        // mean 0.82, s = 0.02, n = 3, t(0.975, 2) = 4.302652729911275
        double half = 4.302652729911275 * 0.02 / Math.sqrt(3);
        assertThat(mae.seeds()).isEqualTo(3);
        assertThat(mae.meanTestAccuracy()).isCloseTo(0.82, within(1e-12));
        assertThat(mae.ciLow()).isCloseTo(0.82 - half, within(1e-9));
        assertThat(mae.ciHigh()).isCloseTo(0.82 + half, within(1e-9));
    }

    @Test
    void anAccuracyIntervalIsClippedToZeroAndOneWhenFewSeedsStretchItPast() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("clip.db"))) {
            store.startRun(Cells.run());
            store.record(Cells.succeeded("a0", "mae", 20, 0, 0.70));
            store.record(Cells.succeeded("a1", "mae", 20, 1, 0.98));
            store.record(Cells.succeeded("b0", "scratch", 20, 0, 0.02));
            store.record(Cells.succeeded("b1", "scratch", 20, 1, 0.30));
            List<LeaderboardRow> rows = Leaderboard.compute(store.cells(), LeaderboardFilter.ALL);
            // two seeds: mean ± t(0.975, 1)·s/√2 = 0.84 ± 12.706·0.198/1.414 = [-0.94, 2.62] before clipping
            LeaderboardRow mae = rows.stream()
                    .filter(r -> r.method().equals("mae"))
                    .findFirst()
                    .orElseThrow();
            LeaderboardRow scratch = rows.stream()
                    .filter(r -> r.method().equals("scratch"))
                    .findFirst()
                    .orElseThrow();
            assertThat(mae.meanTestAccuracy()).isCloseTo(0.84, within(1e-12));
            assertThat(mae.ciLow()).isZero();
            assertThat(mae.ciHigh()).isEqualTo(1.0);
            assertThat(scratch.ciLow()).isZero();
            assertThat(scratch.ciHigh()).isEqualTo(1.0);
        }
    }

    @Test
    void overlappingIntervalsShareARankAndSeparatedOnesDoNot() {
        List<LeaderboardRow> rows = board(new LeaderboardFilter(null, 100, null));
        assertThat(rows).extracting(LeaderboardRow::method).containsExactly("mae", "close", "scratch");
        // competition ranking: two methods resolvably above scratch, so it is third
        assertThat(rows).extracting(r -> r.rank().getAsInt()).containsExactly(1, 1, 3);
        assertThat(rows).extracting(LeaderboardRow::tied).containsExactly(true, true, false);
    }

    @Test
    void rankingByRiskPutsTheLowestFirst() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("risk.db"))) {
            store.startRun(Cells.run());
            for (int seed = 0; seed < 2; seed++) {
                double step = seed / 100.0;
                store.record(Cells.succeeded(
                        "h" + seed, "high-risk", 100, seed, new Metrics(0.9, 0.5, 0.2, 0.90 + step, 0.5)));
                store.record(Cells.succeeded(
                        "l" + seed, "low-risk", 100, seed, new Metrics(0.9, 0.5, 0.2, 0.40 + step, 0.5)));
            }
            List<LeaderboardRow> rows =
                    Leaderboard.compute(store.cells(), LeaderboardFilter.ALL, RankedMetric.TEST_RISK);
            // t(0.975, 1) = 12.706204736174698, s = 0.01/sqrt(2)
            double half = 12.706204736174698 * (0.01 / Math.sqrt(2)) / Math.sqrt(2);
            assertThat(rows).extracting(LeaderboardRow::method).containsExactly("low-risk", "high-risk");
            assertThat(rows.get(0).mean()).isCloseTo(0.405, within(1e-12));
            assertThat(rows.get(0).ciLow()).isCloseTo(0.405 - half, within(1e-9));
            assertThat(rows.get(0).ciHigh()).isCloseTo(0.405 + half, within(1e-9));
            assertThat(rows).extracting(r -> r.rank().getAsInt()).containsExactly(1, 2);
        }
    }

    @Test
    void aRankCountsOnlyTheMethodsResolvablyBetterEvenWhenTheBestOverlaps() {
        // wide:   0.70 0.80 0.90    -> mean 0.80,  interval [0.552, 1.048]
        // narrow: 0.789 0.790 0.791 -> mean 0.79,  interval [0.7875, 0.7925]
        // low:    0.699 0.700 0.701 -> mean 0.70,  interval [0.6975, 0.7025]: overlaps "wide", entirely below "narrow"
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("rule.db"))) {
            store.startRun(Cells.run());
            double[][] acc = {{0.70, 0.80, 0.90}, {0.789, 0.790, 0.791}, {0.699, 0.700, 0.701}};
            String[] methods = {"wide", "narrow", "low"};
            for (int m = 0; m < 3; m++) {
                for (int s = 0; s < 3; s++) {
                    store.record(Cells.succeeded(methods[m] + s, methods[m], 100, s, acc[m][s]));
                }
            }
            List<LeaderboardRow> rows = Leaderboard.compute(store.cells(), LeaderboardFilter.ALL);
            assertThat(rows).extracting(LeaderboardRow::method).containsExactly("wide", "narrow", "low");
            assertThat(rows).extracting(r -> r.rank().getAsInt()).containsExactly(1, 1, 2);
            assertThat(rows).extracting(LeaderboardRow::tied).containsExactly(true, true, false);
        }
    }

    @Test
    void singleSeedMethodsAreListedUnrankedAfterTheRankedOnes() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("one.db"))) {
            store.startRun(Cells.run());
            store.record(Cells.succeeded("solo", "solo", 100, 0, 0.99));
            store.record(Cells.succeeded("a0", "pair", 100, 0, 0.50));
            store.record(Cells.succeeded("a1", "pair", 100, 1, 0.52));
            List<LeaderboardRow> rows = Leaderboard.compute(store.cells(), LeaderboardFilter.ALL);
            assertThat(rows).extracting(LeaderboardRow::method).containsExactly("pair", "solo");
            assertThat(rows.get(0).rank()).hasValue(1);
            assertThat(rows.get(0).tied()).isFalse();
            assertThat(rows.get(1).rank()).isEmpty();

            StringWriter csv = new StringWriter();
            Leaderboard.write(rows, Table.Format.CSV, csv);
            List<String> header =
                    List.of(csv.toString().lines().findFirst().orElseThrow().split(","));
            String[] solo =
                    csv.toString().lines().skip(2).findFirst().orElseThrow().split(",", -1);
            assertThat(solo[header.indexOf("rank")]).isEmpty();
            assertThat(solo[header.indexOf("ci_low")]).isEmpty();
            assertThat(solo[header.indexOf("ci_high")]).isEmpty();
        }
    }

    @Test
    void jsonWritesAnUndefinedIntervalAsNull() throws Exception {
        StringWriter out = new StringWriter();
        Leaderboard.write(board(new LeaderboardFilter("task", 1000, null)), Table.Format.JSON, out);
        JsonNode row = new ObjectMapper().readTree(out.toString()).get(0);
        assertThat(row.get("ci_low").isNull()).isTrue();
        assertThat(row.get("rank").isNull()).isTrue();
        assertThat(row.get("mean").asDouble()).isEqualTo(0.9);
    }

    @Test
    void jsonDocumentHasTheRowsAndTheBoundScoresOfTheCellsItCovers() throws Exception {
        board(LeaderboardFilter.ALL); // fills the store
        java.util.List<io.pretrainbench.results.store.StoredCell> cells;
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
            cells = store.cells();
        }
        ObjectMapper json = new ObjectMapper();
        StringWriter all = new StringWriter();
        Leaderboard.writeJson(cells, LeaderboardFilter.ALL, RankedMetric.TEST_ACCURACY, all);
        JsonNode doc = json.readTree(all.toString());
        assertThat(doc.get("metric").asText()).isEqualTo("test_accuracy");
        assertThat(doc.get("rows")).hasSize(4); // three methods at m=100, mae alone at m=1000
        JsonNode bounds = doc.get("bounds");
        assertThat(bounds).hasSize(1);
        // Every estimate is 0.7 and every gap 0.9 − accuracy ≤ 0.3: the bound always holds; tau is undefined (null).
        assertThat(bounds.get(0).get("estimator").asText()).isEqualTo("bound");
        assertThat(bounds.get(0).get("cells").asInt()).isEqualTo(10);
        assertThat(bounds.get(0).get("holds_fraction").asDouble()).isEqualTo(1.0);
        assertThat(bounds.get(0).get("kendall_tau").isNull()).isTrue();
        assertThat(bounds.get(0).has("granulated_tau")).isTrue();
        assertThat(bounds)
                .isEqualTo(json.valueToTree(io.pretrainbench.results.bounds.BoundScores.table(
                                io.pretrainbench.results.bounds.BoundScores.compute(cells))
                        .jsonRows()));

        StringWriter filtered = new StringWriter();
        Leaderboard.writeJson(cells, new LeaderboardFilter(null, 100, null), RankedMetric.TEST_ACCURACY, filtered);
        assertThat(json.readTree(filtered.toString())
                        .get("bounds")
                        .get(0)
                        .get("cells")
                        .asInt())
                .isEqualTo(9);
    }

    @Test
    void aSingleSeedHasNoInterval() {
        LeaderboardRow one =
                board(new LeaderboardFilter("task", 1000, "linear-probe")).get(0);
        assertThat(one.seeds()).isEqualTo(1);
        assertThat(one.ciLow()).isNaN();
        StringWriter out = new StringWriter();
        Leaderboard.write(List.of(one), Table.Format.TABLE, out);
        assertThat(out.toString()).contains("n/a (1 seed)");
        assertThat(out.toString().lines().skip(1).findFirst().orElseThrow())
                .contains(" - ")
                .doesNotContain(" 0.0000 ");
    }

    @Test
    void protocolVariantsAreLabelledByTheParametersThatTellThemApart() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("p.db"))) {
            store.startRun(Cells.run());
            for (String params : List.of("{\"epochs\":5,\"rate\":1}", "{\"epochs\":9,\"rate\":1}")) {
                for (int s = 0; s < 2; s++) {
                    var cell = Cells.succeeded(params + s, "mae", 100, s, 0.5 + s / 10.0);
                    var k = cell.key();
                    store.record(new io.pretrainbench.results.store.CellResult(
                            new io.pretrainbench.results.store.CellKey(
                                    k.cellId(),
                                    k.method(),
                                    k.methodParams(),
                                    k.corpus(),
                                    k.corpusParams(),
                                    k.pretrainSeed(),
                                    k.task(),
                                    k.taskParams(),
                                    k.budget(),
                                    k.protocol(),
                                    params,
                                    k.seed(),
                                    k.estimators(),
                                    k.pluginVersions(),
                                    k.dataChecksum()),
                            cell.runId(),
                            cell.outcome(),
                            cell.curves()));
                }
            }
            Table table = Leaderboard.table(Leaderboard.compute(store.cells(), LeaderboardFilter.ALL), true);
            StringWriter out = new StringWriter();
            table.write(Table.Format.CSV, out);
            assertThat(out.toString())
                    .contains("linear-probe{epochs=5}")
                    .contains("linear-probe{epochs=9}")
                    .doesNotContain("rate=");
        }
    }

    @Test
    void taskVariantsAreLabelledByTheParametersThatTellThemApart() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("t.db"))) {
            store.startRun(Cells.run());
            for (String params : List.of("{\"size\":10,\"view\":\"all\"}", "{\"size\":10,\"view\":\"single\"}")) {
                for (int s = 0; s < 2; s++) {
                    var cell = Cells.succeeded(params + s, "mae", 100, s, 0.5 + s / 10.0);
                    var k = cell.key();
                    store.record(new io.pretrainbench.results.store.CellResult(
                            new io.pretrainbench.results.store.CellKey(
                                    k.cellId(),
                                    k.method(),
                                    k.methodParams(),
                                    k.corpus(),
                                    k.corpusParams(),
                                    k.pretrainSeed(),
                                    k.task(),
                                    params,
                                    k.budget(),
                                    k.protocol(),
                                    k.protocolParams(),
                                    k.seed(),
                                    k.estimators(),
                                    k.pluginVersions(),
                                    k.dataChecksum()),
                            cell.runId(),
                            cell.outcome(),
                            cell.curves()));
                }
            }
            Table table = Leaderboard.table(Leaderboard.compute(store.cells(), LeaderboardFilter.ALL), true);
            StringWriter out = new StringWriter();
            table.write(Table.Format.CSV, out);
            assertThat(out.toString())
                    .contains("task{view=all}")
                    .contains("task{view=single}")
                    .doesNotContain("size=");
        }
    }
}
