package io.pretrainbench.results.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
    private static final Comparison.Pretraining PRETRAINING = new Comparison.Pretraining("mae", "{}", "corpus", "{}");

    @TempDir
    Path dir;

    @Test
    void pairsBySeedAndMatchesAnIndependentComputation() {
        double[] mae = {0.70, 0.74, 0.69, 0.73, 0.72};
        double[] scratch = {0.60, 0.66, 0.64, 0.61, 0.65};
        List<Comparison.Row> rows;
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
            store.startRun(Cells.run());
            for (int s = 0; s < 5; s++) {
                store.record(Cells.succeeded("m" + s, "mae", 100, s, mae[s]));
                store.record(Cells.succeeded("s" + s, "scratch", 100, s, scratch[s]));
            }
            store.record(Cells.succeeded("unpaired", "mae", 100, 9, 0.99)); // no baseline with seed 9: ignored
            rows = Comparison.rows(store.cells(), "mae", "scratch");
        }
        Comparison.Row row = rows.get(0);
        // differences 0.10, 0.08, 0.05, 0.12, 0.07: mean 0.084, sd 0.027019, t = 6.9518 on 4 df → p ≈ 0.002254
        assertThat(row.pairs()).isEqualTo(5);
        assertThat(row.meanDifference()).isCloseTo(0.084, within(1e-12));
        assertThat(row.pTTest()).isCloseTo(0.002254, within(2e-5));
        assertThat(row.pWilcoxon()).isCloseTo(0.0625, within(1e-12)); // exact: all 5 positive, 2/2^5
        assertThat(row.winRate()).isEqualTo(1.0);
        assertThat(row.ciLow()).isGreaterThan(0.05).isLessThan(0.084);
        assertThat(row.ciHigh()).isGreaterThan(0.084).isLessThan(0.12);
    }

    @Test
    void theExactWilcoxonPValueIsAtMostOne() {
        // Differences +0.01, +0.02, −0.03: W+ = 1 + 2 = W− = 3, and P(W ≤ 3) = 5/8 over the 8 sign patterns, so the
        // doubled one-sided p would be 1.25.
        Comparison.Row row = Comparison.row(
                "t",
                10,
                "p",
                PRETRAINING,
                "",
                List.of(
                        new Comparison.PairedAccuracy(0, 0, 0.51, 0.50),
                        new Comparison.PairedAccuracy(0, 1, 0.52, 0.50),
                        new Comparison.PairedAccuracy(0, 2, 0.47, 0.50)));
        assertThat(row.pWilcoxon()).isEqualTo(1.0);
    }

    @Test
    void aulcAveragesAccuracyOverLogBudget() {
        var rows = List.of(
                new Comparison.Row("t", 10, "p", PRETRAINING, "", 3, 0.5, 0.4, 0.1, 0, 0, 0, 0, 1, 1, List.of()),
                new Comparison.Row("t", 1000, "p", PRETRAINING, "", 3, 0.9, 0.8, 0.1, 0, 0, 0, 0, 1, 1, List.of()));
        Comparison.Curve curve = Comparison.curves(rows).get(0);
        assertThat(curve.aulcMethod()).isCloseTo(0.7, within(1e-12));
        assertThat(curve.aulcBaseline()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void anAmbiguousBaselineIsRefused() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
            store.startRun(Cells.run());
            store.record(Cells.succeeded("a", "scratch", 100, 0, 0.5));
            var other = Cells.succeeded("b", "scratch", 100, 0, 0.6);
            store.record(new io.pretrainbench.results.store.CellResult(
                    new io.pretrainbench.results.store.CellKey(
                            "b",
                            "scratch",
                            "{\"hidden\":\"8\"}",
                            "corpus",
                            "{}",
                            0,
                            "task",
                            "{}",
                            100,
                            "linear-probe",
                            "{}",
                            0,
                            java.util.Map.of(),
                            java.util.Map.of(),
                            "data"),
                    "run-1",
                    other.outcome(),
                    java.util.Map.of()));
            assertThatThrownBy(() -> Comparison.rows(store.cells(), "mae", "scratch"))
                    .hasMessageContaining("several parameter sets")
                    .hasMessageContaining("--baseline 'scratch{");
            store.record(Cells.succeeded("m", "mae", 100, 0, 0.8));
            // A selector in the leaderboard's label syntax picks one of the two baselines.
            assertThat(Comparison.rows(store.cells(), "mae", "scratch{hidden=8}"))
                    .singleElement()
                    .satisfies(r -> assertThat(r.meanDifference()).isCloseTo(0.2, within(1e-12)));
        }
    }

    @Test
    void selectorsParseNamesAndParameterValues() {
        MethodSelector plain = MethodSelector.parse("scratch");
        assertThat(plain.matches("scratch", "{\"architecture\":\"cnn\"}", "{}")).isTrue();
        MethodSelector vit = MethodSelector.parse("scratch{architecture=vit, width=64}");
        assertThat(vit.params()).containsEntry("architecture", "vit").containsEntry("width", "64");
        assertThat(vit.matches("scratch", "{\"architecture\":\"vit\",\"width\":64}", "{}"))
                .isTrue();
        assertThat(vit.matches("scratch", "{\"architecture\":\"cnn\",\"width\":64}", "{}"))
                .isFalse();
        assertThat(vit.matches("mae", "{\"architecture\":\"vit\",\"width\":64}", "{}"))
                .isFalse();
        MethodSelector small = MethodSelector.parse("scratch{architecture=vit, corpus.limit=5000}");
        assertThat(small.matches("scratch", "{\"architecture\":\"vit\"}", "{\"limit\":5000}"))
                .isTrue();
        assertThat(small.matches("scratch", "{\"architecture\":\"vit\"}", "{\"limit\":20000}"))
                .isFalse();
        assertThat(small.matches("scratch", "{\"architecture\":\"vit\",\"limit\":5000}", "{}"))
                .as("a corpus key never matches a method parameter of the same name")
                .isFalse();
        assertThatThrownBy(() -> MethodSelector.parse("scratch{architecture}"))
                .hasMessageContaining("'architecture'")
                .hasMessageContaining("key=value");
    }

    /** A succeeded cell of {@code method} at budget 100 with these task and protocol parameters. */
    private static io.pretrainbench.results.store.CellResult cell(
            String id, String method, String taskParams, String protocolParams, long seed, double accuracy) {
        var key = Cells.keyOf(id, method, 100, seed)
                .taskParams(taskParams)
                .protocol("fine-tune", protocolParams)
                .build();
        return Cells.succeeded(key, accuracy, java.util.Map.of());
    }

    @Test
    void variantsOfATaskOrProtocolAreSeparateRowsLabelledByWhatTellsThemApart() {
        String single = "{\"test_view\":\"single\",\"train_samples\":2000}";
        String all = "{\"test_view\":\"all\",\"train_samples\":2000}";
        String adamw = "{\"epochs\":100,\"optimizer\":\"adamw\"}";
        String sgd = "{\"epochs\":100,\"optimizer\":\"sgd\"}";
        List<Comparison.Row> rows;
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
            store.startRun(Cells.run());
            int group = 0;
            for (String view : List.of(single, all)) {
                for (String protocol : List.of(adamw, sgd)) {
                    // the difference tells the four groups apart: 0.1 + 0.01·(index of the group)
                    double difference = 0.1 + 0.01 * group;
                    for (long seed = 0; seed < 2; seed++) {
                        store.record(cell("m" + group + seed, "mae", view, protocol, seed, 0.5 + difference));
                        store.record(cell("s" + group + seed, "scratch", view, protocol, seed, 0.5));
                    }
                    group++;
                }
            }
            rows = Comparison.rows(store.cells(), "mae", "scratch");
        }
        assertThat(rows)
                .extracting(Comparison.Row::task, Comparison.Row::protocol, Comparison.Row::pairs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("task{test_view=all}", "fine-tune{optimizer=adamw}", 2),
                        org.assertj.core.groups.Tuple.tuple("task{test_view=all}", "fine-tune{optimizer=sgd}", 2),
                        org.assertj.core.groups.Tuple.tuple("task{test_view=single}", "fine-tune{optimizer=adamw}", 2),
                        org.assertj.core.groups.Tuple.tuple("task{test_view=single}", "fine-tune{optimizer=sgd}", 2));
        assertThat(rows.stream().mapToDouble(Comparison.Row::meanDifference).toArray())
                .containsExactly(new double[] {0.12, 0.13, 0.10, 0.11}, within(1e-9));
        // one curve per task and protocol variant
        assertThat(Comparison.curves(rows)).hasSize(4);
    }

    /** A succeeded linear-probe cell of {@code method} at {@code budget}, pre-trained with these parameters. */
    private static io.pretrainbench.results.store.CellResult onCorpus(
            String id,
            String method,
            String methodParams,
            String corpusParams,
            int budget,
            long seed,
            double accuracy) {
        var key = Cells.keyOf(id, method, budget, seed)
                .methodParams(methodParams)
                .corpus("fashion-mnist", corpusParams)
                .build();
        return Cells.succeeded(key, accuracy, java.util.Map.of());
    }

    @Test
    void pretrainingsThatDifferOnlyInTheirCorpusAreSeparateRowsLabelledByWhatTellsThemApart() {
        // mae for 30 epochs on 5 000 and on 60 000 images (the same method parameters), and for 10 epochs on 20 000;
        // scratch reads no corpus but is stored with one, 20 000 images. Each pre-training leads by its own amount.
        String thirty = "{\"epochs\":30}";
        String ten = "{\"epochs\":10}";
        List<Comparison.Row> rows;
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("corpora.db"))) {
            store.startRun(Cells.run());
            for (int budget : new int[] {100, 1000}) {
                for (long seed = 0; seed < 2; seed++) {
                    String id = budget + "-" + seed;
                    store.record(onCorpus("s" + id, "scratch", "{}", "{\"limit\":20000}", budget, seed, 0.5));
                    store.record(onCorpus("a" + id, "mae", thirty, "{\"limit\":5000}", budget, seed, 0.6));
                    store.record(onCorpus("b" + id, "mae", thirty, "{\"limit\":60000}", budget, seed, 0.7));
                    store.record(onCorpus("c" + id, "mae", ten, "{\"limit\":20000}", budget, seed, 0.55));
                }
            }
            rows = Comparison.rows(store.cells(), "mae", "scratch");
        }
        assertThat(rows).hasSize(6);
        Map<String, Double> differences = new java.util.TreeMap<>();
        rows.forEach(r -> differences.put(r.variant(), r.meanDifference()));
        assertThat(differences)
                .containsOnlyKeys(
                        "corpus.limit=20000, epochs=10",
                        "corpus.limit=5000, epochs=30",
                        "corpus.limit=60000, epochs=30");
        assertThat(differences.get("corpus.limit=5000, epochs=30")).isCloseTo(0.1, within(1e-12));
        assertThat(differences.get("corpus.limit=60000, epochs=30")).isCloseTo(0.2, within(1e-12));

        // For machines the corpus joins the parameter JSON; for people the label replaces both.
        assertThat(Comparison.table(rows).columns())
                .containsSequence("protocol", "method_params", "corpus", "corpus_params", "pairs");
        assertThat(Comparison.table(rows).jsonRows())
                .extracting(r -> r.get("corpus_params"))
                .contains("{\"limit\":5000}", "{\"limit\":60000}");
        assertThat(Comparison.labelledTable(rows).columns()).containsSequence("protocol", "variant", "pairs");
        List<Comparison.Curve> curves = Comparison.curves(rows);
        assertThat(curves)
                .extracting(Comparison.Curve::variant)
                .doesNotHaveDuplicates()
                .hasSize(3);
        assertThat(Comparison.curveTable(curves).columns())
                .containsSequence("protocol", "method_params", "corpus", "corpus_params", "budgets");
        assertThat(Comparison.labelledCurveTable(curves).columns()).containsSequence("protocol", "variant", "budgets");
    }

    @Test
    void onOneCorpusTheTablesKeepTheirColumns() {
        List<Comparison.Row> rows =
                compare("one-corpus.db", new double[][] {{100, 0, 0, 0.6, 0.5}, {500, 0, 0, 0.6, 0.5}});
        assertThat(rows).extracting(Comparison.Row::variant).containsOnly("");
        assertThat(Comparison.table(rows).columns())
                .containsExactly(
                        "task",
                        "budget",
                        "protocol",
                        "method_params",
                        "pairs",
                        "method_accuracy",
                        "baseline_accuracy",
                        "difference",
                        "ci_low",
                        "ci_high",
                        "p_t_test",
                        "p_wilcoxon",
                        "win_rate",
                        "pretrain_seeds");
        assertThat(Comparison.curveTable(Comparison.curves(rows)).columns())
                .containsExactly(
                        "task",
                        "protocol",
                        "method_params",
                        "budgets",
                        "aulc_method",
                        "aulc_baseline",
                        "aulc_difference",
                        "crossover_budget",
                        "crossover_low",
                        "crossover_high");
    }

    /** A succeeded linear-probe cell at {@code budget} with the given pre-training and downstream seeds. */
    private static io.pretrainbench.results.store.CellResult pretrained(
            String id, String method, int budget, long pretrainSeed, long seed, double accuracy) {
        var key =
                Cells.keyOf(id, method, budget, seed).pretrainSeed(pretrainSeed).build();
        return Cells.succeeded(key, accuracy, java.util.Map.of());
    }

    /** Rows of mae against scratch from cells given as {budget, pre-training seed, seed, mae, scratch} tuples. */
    private List<Comparison.Row> compare(String file, double[][] pairs) {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve(file))) {
            store.startRun(Cells.run());
            for (double[] p : pairs) {
                String id = (int) p[0] + "-" + (long) p[1] + "-" + (long) p[2];
                store.record(pretrained("m" + id, "mae", (int) p[0], (long) p[1], (long) p[2], p[3]));
                store.record(pretrained("s" + id, "scratch", (int) p[0], (long) p[1], (long) p[2], p[4]));
            }
            return Comparison.rows(store.cells(), "mae", "scratch");
        }
    }

    @Test
    void onePretrainingSeedKeepsTheOneLevelIntervalsToTheBit() {
        // Recorded from the one-level bootstrap before the two-level one existed (commit bfb9680).
        double[] mae = {0.70, 0.74, 0.69, 0.73, 0.72};
        double[] scratch = {0.60, 0.66, 0.64, 0.61, 0.65};
        List<double[]> pairs = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            pairs.add(new double[] {100, 0, s, mae[s], scratch[s]});
            pairs.add(new double[] {500, 0, s, mae[s] + 0.03 * s, scratch[(s + 2) % 5] + 0.1});
        }
        List<Comparison.Row> rows = compare("one.db", pairs.toArray(double[][]::new));
        assertThat(rows).extracting(Comparison.Row::pretrainSeeds).containsExactly(1, 1);
        assertThat(rows.get(0).ciLow()).isEqualTo(0.06399999999999995);
        assertThat(rows.get(0).ciHigh()).isEqualTo(0.10399999999999998);
        assertThat(rows.get(1).ciLow()).isEqualTo(-0.00800000000000003);
        assertThat(rows.get(1).ciHigh()).isEqualTo(0.092);
    }

    @Test
    void severalPretrainingSeedsGiveATwoLevelIntervalThatCarriesTheVariationBetweenRuns() {
        // Three pre-training runs whose gains differ (+0.15, 0.00, +0.06) far more than the downstream seeds within a
        // run (±0.01). Resampling the 15 pairs as if independent sees 15 draws of the gain; resampling the runs first
        // sees three, and its interval must be the wider.
        double[] runGain = {0.15, 0.00, 0.06};
        double[] seedNoise = {-0.01, 0.005, 0.0, 0.01, -0.005};
        List<double[]> byRun = new ArrayList<>();
        List<double[]> flattened = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            for (int s = 0; s < 5; s++) {
                double gain = runGain[run] + seedNoise[s];
                byRun.add(new double[] {100, run, s, 0.6 + gain, 0.6});
                flattened.add(new double[] {100, 0, 5 * run + s, 0.6 + gain, 0.6});
            }
        }
        Comparison.Row twoLevel =
                compare("runs.db", byRun.toArray(double[][]::new)).get(0);
        Comparison.Row oneLevel =
                compare("flat.db", flattened.toArray(double[][]::new)).get(0);
        assertThat(twoLevel.pretrainSeeds()).isEqualTo(3);
        assertThat(oneLevel.pretrainSeeds()).isEqualTo(1);
        assertThat(twoLevel.meanDifference()).isCloseTo(oneLevel.meanDifference(), within(1e-12));
        assertThat(twoLevel.pairs()).isEqualTo(15);
        double twoLevelWidth = twoLevel.ciHigh() - twoLevel.ciLow();
        double oneLevelWidth = oneLevel.ciHigh() - oneLevel.ciLow();
        assertThat(twoLevelWidth).isGreaterThan(1.5 * oneLevelWidth);
        assertThat(twoLevel.ciLow()).isLessThan(twoLevel.meanDifference());
        assertThat(twoLevel.ciHigh()).isGreaterThan(twoLevel.meanDifference());
    }

    @Test
    void crossoverIsInterpolatedInLogBudgetAfterTheLastPositiveDifference() {
        int[] budgets = {20, 100, 500, 2000};
        // above zero at 100, below at 500, halfway in difference: halfway in log budget, sqrt(100 * 500)
        assertThat(Comparison.crossover(budgets, new double[] {0.2, 0.1, -0.1, -0.2}))
                .isCloseTo(Math.sqrt(100 * 500), within(1e-9));
        // back above zero at 500: the crossover is the later one, between 500 and 2000 (three quarters of the way)
        assertThat(Comparison.crossover(budgets, new double[] {0.1, -0.1, 0.03, -0.01}))
                .isCloseTo(500 * Math.pow(2000.0 / 500, 0.75), within(1e-9));
        // zero counts as caught up: exactly at the budget where the difference reaches it
        assertThat(Comparison.crossover(budgets, new double[] {0.1, 0.0, -0.1, -0.1}))
                .isCloseTo(100, within(1e-9));
        assertThat(Comparison.crossover(budgets, new double[] {-0.1, 0.0, -0.1, -0.1}))
                .isEqualTo(20);
        assertThat(Comparison.crossover(budgets, new double[] {0.1, 0.1, 0.1, 0.01}))
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Comparison.crossover(new int[] {100}, new double[] {0.1})).isNaN();
    }

    @Test
    void crossoverOfSyntheticCurvesIsFoundWithAnIntervalAcrossSeeds() {
        // The method's gain over the baseline falls from +0.2 to -0.2 with budget, crossing zero halfway (in
        // difference, hence in log budget) between 100 and 500; the seeds move it by at most ±0.02.
        int[] budgets = {20, 100, 500, 2000};
        double[] gain = {0.2, 0.1, -0.1, -0.2};
        double[] seedNoise = {-0.02, 0.01, 0.0, 0.02, -0.01};
        List<double[]> pairs = new ArrayList<>();
        for (int b = 0; b < budgets.length; b++) {
            for (int s = 0; s < 5; s++) {
                pairs.add(new double[] {budgets[b], 0, s, 0.5 + gain[b] + seedNoise[(s + b) % 5], 0.5});
            }
        }
        List<Comparison.Curve> curves = Comparison.curves(compare("curve.db", pairs.toArray(double[][]::new)));
        assertThat(curves).hasSize(1);
        Comparison.Curve curve = curves.get(0);
        assertThat(curve.crossoverBudget()).isCloseTo(Math.sqrt(100 * 500), within(1e-6));
        assertThat(curve.crossoverLow()).isGreaterThan(100).isLessThan(curve.crossoverBudget());
        assertThat(curve.crossoverHigh()).isGreaterThan(curve.crossoverBudget()).isLessThan(500);
        var row = Comparison.curveTable(curves).jsonRows().get(0);
        assertThat(row).containsKeys("crossover_budget", "crossover_low", "crossover_high");
        assertThat((Double) row.get("crossover_budget")).isCloseTo(Math.sqrt(100 * 500), within(1e-6));
    }
}
