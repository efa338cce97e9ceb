package io.pretrainbench.results.store;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The child process of {@link StoreCrashTest}: records cells into the store named by its argument, forever, printing
 * {@code begin <cell id>} before and {@code committed <cell id>} after each {@code record}, until it is killed.
 *
 * <p>Each cell's curves hold {@value #CURVE_STEPS} steps per phase under a long cell id (about 5 MB of rows and index),
 * more than SQLite's default 2 MB page cache: the transaction spills uncommitted pages into the WAL before its commit,
 * so a kill in the middle of {@code record} really leaves half a cell in the file, which recovery must ignore.
 */
public final class CrashWriter {
    static final int CURVE_STEPS = 5_000;
    /** Long ids make every curve row and its index entry big, so that a cell outgrows the page cache with few rows. */
    static final String ID_PADDING = "-" + "x".repeat(250);

    static final List<String> ESTIMATORS = List.of("alpha", "beta", "gamma");
    static final List<String> COMPONENTS = List.of("rademacher", "confidence", "margin", "norm");

    private CrashWriter() {}

    public static void main(String[] args) {
        try (SqliteResultStore store = SqliteResultStore.open(Path.of(args[0]))) {
            store.startRun(
                    new RunInfo("crash-run", "crash", "hash", "name: crash\n", Instant.now(), Map.of("java", "17")));
            for (int i = 0; ; i++) {
                CellResult cell = cell(i);
                System.out.println("begin " + cell.key().cellId());
                System.out.flush();
                store.record(cell);
                System.out.println("committed " + cell.key().cellId());
                System.out.flush();
            }
        }
    }

    /** Cell number {@code i}; every value is derived from {@code i}, so the test can check a stored cell is whole. */
    static CellResult cell(int i) {
        CellKey key = new CellKey(
                "cell-" + i + ID_PADDING,
                "mae",
                "{}",
                "corpus",
                "{}",
                0,
                "task",
                "{}",
                100,
                "linear-probe",
                "{}",
                i,
                Map.of(),
                Map.of(),
                "data");
        Map<String, BoundEstimate> bounds = new java.util.HashMap<>();
        for (String estimator : ESTIMATORS) {
            Map<String, Double> components = new java.util.HashMap<>();
            COMPONENTS.forEach(c -> components.put(c, (double) i));
            bounds.put(estimator, new BoundEstimate(i, components));
        }
        List<Double> curve = new ArrayList<>();
        for (int step = 0; step < CURVE_STEPS; step++) {
            curve.add((double) i);
        }
        return new CellResult(
                key,
                "crash-run",
                CellOutcome.succeeded(
                        i, i, i, "enc", new Metrics(1.0, (i % 100) / 100.0, 0.1, 0.2, 0.5), bounds, Map.of()),
                Map.of("pretrain", curve, "finetune", curve));
    }
}
