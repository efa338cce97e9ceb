package io.pretrainbench.results.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.results.store.CellOutcome;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundScoresTest {
    @TempDir
    Path dir;

    @Test
    void kendallTauAndHoldingFractionMatchAHandCount() {
        // gaps 0.1, 0.2, 0.3, 0.4; estimates 0.5, 0.15, 0.6, 0.7: pairs concordant 5 of 6, so τ = (5 − 1)/6.
        double[] gaps = {0.1, 0.2, 0.3, 0.4};
        double[] estimates = {0.5, 0.15, 0.6, 0.7};
        List<BoundScores.Score> scores;
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
            store.startRun(Cells.run());
            for (int i = 0; i < 4; i++) {
                store.record(new CellResult(
                        Cells.key("c" + i, "mae", 100, i),
                        "run-1",
                        CellOutcome.succeeded(
                                1,
                                1,
                                1,
                                "e",
                                new Metrics(0.9, 0.9 - gaps[i], 0.1, 0.2, 0.5),
                                Map.of("b", new BoundEstimate(estimates[i], Map.of())),
                                Map.of()),
                        Map.of()));
            }
            scores = BoundScores.compute(store.cells());
        }
        BoundScores.Score b = scores.get(0);
        assertThat(b.cells()).isEqualTo(4);
        assertThat(b.kendallTau()).isCloseTo(4.0 / 6, within(1e-9));
        assertThat(b.holdsFraction()).isEqualTo(0.75); // 0.15 < 0.2 fails
    }

    @Test
    void diagnosticsAreNotScoredAsBoundsButListedWithTheirValuesAfterAStoreRoundTrip() {
        double[] gaps = {0.1, 0.2, 0.3};
        List<BoundScores.Score> scores;
        List<BoundScores.Diagnostic> diagnostics;
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("d.db"))) {
            store.startRun(Cells.run());
            for (int i = 0; i < 3; i++) {
                store.record(new CellResult(
                        Cells.key("c" + i, "mae", 100, i),
                        "run-1",
                        CellOutcome.succeeded(
                                1,
                                1,
                                1,
                                "e",
                                new Metrics(0.9, 0.9 - gaps[i], 0.1, 0.2, 0.5),
                                Map.of(
                                        "b",
                                        new BoundEstimate(1.0 + i, Map.of()),
                                        "coverage",
                                        new BoundEstimate(0.25 * i, Map.of())),
                                Map.of(),
                                Set.of("coverage")),
                        Map.of()));
            }
            assertThat(store.cells())
                    .allSatisfy(c -> assertThat(c.diagnostics()).containsExactly("coverage"));
            scores = BoundScores.compute(store.cells());
            diagnostics = BoundScores.diagnostics(store.cells());
        }
        assertThat(scores).extracting(BoundScores.Score::estimator).containsExactly("b");
        assertThat(diagnostics).containsExactly(new BoundScores.Diagnostic("coverage", 3, 0.25, 0.0, 0.5));
        assertThat(BoundScores.diagnosticsTable(diagnostics).jsonRows().get(0)).doesNotContainKey("holds_fraction");
    }

    /** A succeeded cell of {@code method} at {@code budget} (seed {@code seed}) with the given gap and estimate. */
    private static CellResult cell(String method, int budget, long seed, double gap, double estimate) {
        return new CellResult(
                Cells.key(method + budget + "s" + seed, method, budget, seed),
                "run-1",
                CellOutcome.succeeded(
                        1,
                        1,
                        1,
                        "e",
                        new Metrics(0.9, 0.9 - gap, 0.1, 0.2, 0.5),
                        Map.of("b", new BoundEstimate(estimate, Map.of())),
                        Map.of()),
                Map.of());
    }

    private List<BoundScores.Score> scores(List<CellResult> cells) {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("g.db"))) {
            store.startRun(Cells.run());
            cells.forEach(store::record);
            return BoundScores.compute(store.cells());
        }
    }

    @Test
    void granulatedTauAveragesTauWithinGroupsThatDifferInOneAxisThenOverAxes() {
        // Two methods × three budgets, one seed. (gap, estimate):
        //   A: m=10 (0.30, 0.9)  m=20 (0.20, 0.8)  m=40 (0.10, 0.7)
        //   B: m=10 (0.25, 0.5)  m=20 (0.15, 0.6)  m=40 (0.05, 0.4)
        // Budget axis, groups {A}, {B}: A is concordant in all 3 pairs, τ = 1; B has pairs (10,20) discordant, (10,40)
        // and
        // (20,40) concordant, τ = (2 − 1)/3. ψ_budget = (1 + 1/3)/2 = 2/3.
        // Method axis, groups m=10, 20, 40: A above B in both gap and estimate each time, τ = 1 each. ψ_method = 1.
        // Ψ = (2/3 + 1)/2 = 5/6. Over all 6 cells, ordered by gap, the estimates read .9 .5 .8 .6 .7 .4: 11 concordant
        // pairs, 4 discordant, τ = 7/15.
        List<BoundScores.Score> scores = scores(List.of(
                cell("A", 10, 0, 0.30, 0.9),
                cell("A", 20, 0, 0.20, 0.8),
                cell("A", 40, 0, 0.10, 0.7),
                cell("B", 10, 0, 0.25, 0.5),
                cell("B", 20, 0, 0.15, 0.6),
                cell("B", 40, 0, 0.05, 0.4)));

        BoundScores.Score b = scores.get(0);
        assertThat(b.cells()).isEqualTo(6);
        assertThat(b.kendallTau()).isCloseTo(7.0 / 15, within(1e-12));
        assertThat(b.axisTau()).containsOnlyKeys("method", "budget"); // nothing else varies
        assertThat(b.axisTau().get("budget")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(b.axisTau().get("method")).isCloseTo(1.0, within(1e-12));
        assertThat(b.granulatedTau()).isCloseTo(5.0 / 6, within(1e-12));

        var table = BoundScores.table(scores);
        assertThat(table.columns())
                .containsSubsequence("kendall_tau", "granulated_tau", "tau_method", "tau_budget")
                .doesNotContain("tau_seed");
        assertThat((Double) table.rows().get(0).get("tau_budget")).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void groupsWithoutATauAreLeftOutOfTheMeanAndTheSeedIsAnAxis() {
        // Budgets 10, 20 × seeds 0, 1 of one method. Seed axis: the group m=10 has τ = 1 (gap and estimate both rise
        // from seed 0 to 1); in m=20 every estimate is 0.5, so τ is undefined and the group is left out: ψ_seed = 1.
        // (Counting it as 0 would give 0.5.) Budget axis, (gap, estimate): seed 0 (0.1, 0.2) → (0.3, 0.5) and seed 1
        // (0.2, 0.4) → (0.4, 0.5) are both concordant, τ = 1 each: ψ_budget = 1, Ψ = 1.
        List<BoundScores.Score> scores = scores(List.of(
                cell("A", 10, 0, 0.1, 0.2),
                cell("A", 10, 1, 0.2, 0.4),
                cell("A", 20, 0, 0.3, 0.5),
                cell("A", 20, 1, 0.4, 0.5)));
        BoundScores.Score b = scores.get(0);
        assertThat(b.axisTau()).containsOnlyKeys("budget", "seed");
        assertThat(b.axisTau().get("seed")).isCloseTo(1.0, within(1e-12));
        assertThat(b.axisTau().get("budget")).isCloseTo(1.0, within(1e-12));
        assertThat(b.granulatedTau()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void anAxisWhoseGroupsAllLackATauIsNaNAndLeftOutOfPsi() {
        // Method and budget change together (A only at m=10, B only at m=20): every one-axis group is a single cell.
        // Only the seed axis (two seeds per cell configuration) has groups with a τ: ψ_seed = mean(1, −1) = 0.
        List<BoundScores.Score> scores = scores(List.of(
                cell("A", 10, 0, 0.1, 0.2),
                cell("A", 10, 1, 0.2, 0.3),
                cell("B", 20, 0, 0.3, 0.6),
                cell("B", 20, 1, 0.4, 0.5)));
        BoundScores.Score b = scores.get(0);
        assertThat(b.axisTau()).containsOnlyKeys("method", "budget", "seed");
        assertThat(b.axisTau().get("method")).isNaN();
        assertThat(b.axisTau().get("budget")).isNaN();
        assertThat(b.axisTau().get("seed")).isCloseTo(0.0, within(1e-12));
        assertThat(b.granulatedTau()).isCloseTo(0.0, within(1e-12));
    }
}
