package io.pretrainbench.results.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PretrainingCrossoverTest {
    private static final String ONE_EPOCH = "{\"epochs\":1}";
    private static final String TWO_EPOCHS = "{\"epochs\":2}";
    private static final String THREE_EPOCHS = "{\"epochs\":3}";

    @TempDir
    Path dir;

    /** A succeeded linear-probe cell with these parameters, pre-training seed and stored curves. */
    private static CellResult cell(
            String id,
            String method,
            String methodParams,
            long pretrainSeed,
            int budget,
            long seed,
            double accuracy,
            Map<String, List<Double>> curves) {
        var key = Cells.keyOf(id, method, budget, seed)
                .methodParams(methodParams)
                .pretrainSeed(pretrainSeed)
                .build();
        return Cells.succeeded(key, accuracy, curves);
    }

    private static Map<String, List<Double>> pretrainCurve(int steps) {
        return Map.of("pretrain", Collections.nCopies(steps, 0.5), "finetune", List.of(1.0));
    }

    private static final Map<String, List<Double>> FINETUNE_ONLY = Map.of("finetune", List.of(1.0, 0.5));

    private static Comparison.Pretraining mae(String params) {
        return new Comparison.Pretraining("mae", params, "corpus", "{}");
    }

    @Test
    void stepsAreTheLengthOfTheStoredPretrainingCurveAveragedOverPretrainingSeedsAndUnknownWithoutOne() {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("steps.db"))) {
            store.startRun(Cells.run());
            // One epoch: the cell that trained the encoder is recorded after one that loaded it.
            store.record(cell("a-loaded", "mae", ONE_EPOCH, 0, 100, 1, 0.6, FINETUNE_ONLY));
            store.record(cell("a-trained", "mae", ONE_EPOCH, 0, 100, 0, 0.6, pretrainCurve(3)));
            // Two epochs, two pre-training seeds whose runs took 6 and 8 steps.
            store.record(cell("b0", "mae", TWO_EPOCHS, 0, 100, 0, 0.6, pretrainCurve(6)));
            store.record(cell("b1", "mae", TWO_EPOCHS, 1, 100, 0, 0.6, pretrainCurve(8)));
            // Three epochs: every encoder came from a cache, so no cell holds its curve.
            store.record(cell("c", "mae", THREE_EPOCHS, 0, 100, 0, 0.6, FINETUNE_ONLY));
            // Another method's curve is not mae's.
            store.record(cell("other", "autoencoder", THREE_EPOCHS, 0, 100, 0, 0.6, pretrainCurve(99)));

            Map<Comparison.Pretraining, OptionalDouble> steps = PretrainingSteps.of(
                    store, store.cells(), List.of(mae(ONE_EPOCH), mae(TWO_EPOCHS), mae(THREE_EPOCHS)));

            assertThat(steps)
                    .containsEntry(mae(ONE_EPOCH), OptionalDouble.of(3))
                    .containsEntry(mae(TWO_EPOCHS), OptionalDouble.of(7))
                    .containsEntry(mae(THREE_EPOCHS), OptionalDouble.empty())
                    .hasSize(3);
        }
    }

    @Test
    void eachPretrainingsCrossoverStandsBesideItsStepsInBothTables() {
        List<PretrainingCrossover> crossovers;
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("crossover.db"))) {
            store.startRun(Cells.run());
            for (int budget : new int[] {100, 1000}) {
                for (long seed = 0; seed < 2; seed++) {
                    String id = budget + "-" + seed;
                    boolean first = budget == 100 && seed == 0;
                    store.record(cell("s" + id, "scratch", "{}", 0, budget, seed, 0.5, FINETUNE_ONLY));
                    // One epoch (3 steps) leads by 0.1 at 100 labels and trails by 0.1 at 1000: crossover at 316.
                    store.record(cell(
                            "a" + id,
                            "mae",
                            ONE_EPOCH,
                            0,
                            budget,
                            seed,
                            budget == 100 ? 0.6 : 0.4,
                            first ? pretrainCurve(3) : FINETUNE_ONLY));
                    // Two epochs (6 steps) lead at both budgets: not caught up.
                    store.record(cell(
                            "b" + id,
                            "mae",
                            TWO_EPOCHS,
                            0,
                            budget,
                            seed,
                            0.7,
                            first ? pretrainCurve(6) : FINETUNE_ONLY));
                    // Three epochs, steps unknown, trail everywhere: caught up at or before 100.
                    store.record(cell("c" + id, "mae", THREE_EPOCHS, 0, budget, seed, 0.45, FINETUNE_ONLY));
                }
            }
            List<StoredCell> cells = store.cells();
            List<Comparison.Curve> curves = Comparison.curves(Comparison.rows(cells, "mae", "scratch"));
            crossovers = PretrainingCrossover.of(
                    curves,
                    PretrainingSteps.of(
                            store,
                            cells,
                            curves.stream().map(Comparison.Curve::pretraining).toList()));
        }

        // Ordered by steps, unknown last.
        assertThat(crossovers)
                .extracting(PretrainingCrossover::label)
                .containsExactly("mae{epochs=1}", "mae{epochs=2}", "mae{epochs=3}");
        assertThat(crossovers.get(0).curve().crossoverBudget()).isCloseTo(Math.sqrt(100 * 1000), within(1e-9));
        assertThat(crossovers).extracting(c -> c.caughtUp().orElseThrow()).containsExactly(true, false, true);

        var people = PretrainingCrossover.labelledTable(crossovers).jsonRows();
        assertThat(people).extracting(r -> r.get("pretrain_steps")).containsExactly("3", "6", "–");
        assertThat(people)
                .extracting(r -> r.get("crossover_budget"))
                .containsExactly("316", "> 1000", "at or before 100");
        assertThat(people).extracting(r -> r.get("largest_budget")).containsOnly(1000);

        var machines = PretrainingCrossover.table(crossovers).jsonRows();
        assertThat(machines).extracting(r -> r.get("pretrain_steps")).containsExactly(3.0, 6.0, null);
        // JSON has no infinity: the not-caught-up crossover is null there, and caught_up says why.
        assertThat(machines)
                .extracting(r -> r.get("crossover_budget"))
                .element(1)
                .isNull();
        assertThat(machines).extracting(r -> r.get("caught_up")).containsExactly(true, false, true);
        assertThat(PretrainingCrossover.table(crossovers).columns())
                .containsExactly(
                        "variant",
                        "task",
                        "protocol",
                        "method_params",
                        "pretrain_steps",
                        "crossover_budget",
                        "crossover_low",
                        "crossover_high",
                        "largest_budget",
                        "caught_up");
    }
}
