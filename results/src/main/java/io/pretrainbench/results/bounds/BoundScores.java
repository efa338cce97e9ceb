package io.pretrainbench.results.bounds;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.results.store.CellKey;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * Per bound estimator (diagnostics, {@code EstimateKind.DIAGNOSTIC}, are not bounds and are only summarised by
 * {@link #diagnostics}), over the succeeded cells that have its estimate: Kendall's τ (τ-b, ties accounted for) between
 * the estimate and the measured generalization gap (train accuracy − test accuracy), its granulated form, and the
 * fraction of cells where the bound holds (estimate ≥ gap). The one place that scores bounds: {@code bounds},
 * {@code compare --format json}, {@code leaderboard --format json} and the report all call {@link #compute}.
 *
 * <p><b>Granulated τ</b> (Jiang, Neyshabur, Mobahi, Krishnan and Bengio, "Fantastic generalization measures and where
 * to find them", ICLR 2020, Sec. 4, the definition of Ψ): for each hyper-parameter axis i of the grid, ψ_i is the mean,
 * over every combination of the other axes' values, of τ over the cells that differ only in axis i; Ψ is the mean of
 * ψ_i over the axes. Overall τ can be high merely because one axis (say the budget) moves both the gap and the
 * estimate; ψ_i says whether the estimate follows the gap when only axis i changes. The axes are the parts of a cell's
 * identity: {@link #AXES}, each plugin's parameters folded into its own axis (so {@code method} tells
 * {@code mae{mask_ratio=0.5}} from {@code mae{mask_ratio=0.75}} and from {@code scratch}); an axis counts only where it
 * takes at least two values among the estimator's cells. A group of fewer than two cells, or one where τ is undefined
 * (every estimate or every gap equal), has no τ and is left out of the mean; an axis with no group that has one has ψ =
 * NaN and is left out of Ψ. The seeds are axes too: ψ_seed says whether the estimate follows the seed-to-seed scatter
 * of the gap with everything else fixed.
 */
public final class BoundScores {
    /** The axes, in the order reported, and how each is read off a cell. */
    public static final Map<String, Function<CellKey, Object>> AXES = axes();

    /**
     * One estimator's score.
     *
     * @param granulatedTau Ψ, the mean of {@code axisTau}'s defined values
     * @param axisTau ψ per axis that varies among the estimator's cells, in {@link #AXES} order (NaN: no group with a
     *     τ)
     */
    public record Score(
            String estimator,
            int cells,
            double kendallTau,
            double granulatedTau,
            Map<String, Double> axisTau,
            double holdsFraction,
            double meanEstimate,
            double meanGap) {
        public Score {
            axisTau = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(axisTau));
        }
    }

    /** A diagnostic's values over the succeeded cells that have it: no gap, no "holds". */
    public record Diagnostic(String estimator, int cells, double meanValue, double minValue, double maxValue) {}

    private record Point(CellKey key, double estimate, double gap) {}

    private BoundScores() {}

    private static Map<String, Function<CellKey, Object>> axes() {
        Map<String, Function<CellKey, Object>> axes = new LinkedHashMap<>();
        axes.put("method", k -> List.of(k.method(), k.methodParams()));
        axes.put("corpus", k -> List.of(k.corpus(), k.corpusParams()));
        axes.put("pretrain_seed", CellKey::pretrainSeed);
        axes.put("task", k -> List.of(k.task(), k.taskParams()));
        axes.put("budget", CellKey::budget);
        axes.put("protocol", k -> List.of(k.protocol(), k.protocolParams()));
        axes.put("seed", CellKey::seed);
        return java.util.Collections.unmodifiableMap(axes);
    }

    public static List<Score> compute(List<StoredCell> cells) {
        Map<String, List<Point>> byEstimator = new TreeMap<>();
        for (StoredCell cell : cells) {
            if (cell.status() != CellStatus.SUCCEEDED) {
                continue;
            }
            double gap = cell.metrics().orElseThrow().generalizationGap();
            for (Map.Entry<String, BoundEstimate> e : cell.boundsOnly().entrySet()) {
                byEstimator
                        .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(new Point(cell.key(), e.getValue().value(), gap));
            }
        }
        List<Score> scores = new ArrayList<>();
        byEstimator.forEach((estimator, points) -> {
            Map<String, Double> axisTau = granulated(points);
            double psi = axisTau.values().stream()
                    .filter(v -> !v.isNaN())
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(Double.NaN);
            long holds = points.stream().filter(p -> p.estimate() >= p.gap()).count();
            scores.add(new Score(
                    estimator,
                    points.size(),
                    tau(points),
                    psi,
                    axisTau,
                    (double) holds / points.size(),
                    points.stream().mapToDouble(Point::estimate).average().orElse(Double.NaN),
                    points.stream().mapToDouble(Point::gap).average().orElse(Double.NaN)));
        });
        return scores;
    }

    /** The diagnostics' values, per estimator, over the succeeded cells. */
    public static List<Diagnostic> diagnostics(List<StoredCell> cells) {
        Map<String, List<Double>> byEstimator = new TreeMap<>();
        for (StoredCell cell : cells) {
            if (cell.status() == CellStatus.SUCCEEDED) {
                cell.bounds().forEach((name, estimate) -> {
                    if (cell.diagnostics().contains(name)) {
                        byEstimator
                                .computeIfAbsent(name, k -> new ArrayList<>())
                                .add(estimate.value());
                    }
                });
            }
        }
        List<Diagnostic> result = new ArrayList<>();
        byEstimator.forEach((name, values) -> result.add(new Diagnostic(
                name,
                values.size(),
                values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN))));
        return result;
    }

    /** Columns {@code estimator, cells, mean_value, min_value, max_value}. */
    public static Table diagnosticsTable(List<Diagnostic> diagnostics) {
        Table table = new Table(List.of("estimator", "cells", "mean_value", "min_value", "max_value"));
        for (Diagnostic d : diagnostics) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("estimator", d.estimator());
            row.put("cells", d.cells());
            row.put("mean_value", d.meanValue());
            row.put("min_value", d.minValue());
            row.put("max_value", d.maxValue());
            table.add(row);
        }
        return table;
    }

    /** ψ_i for each axis that takes at least two values among the points. */
    private static Map<String, Double> granulated(List<Point> points) {
        Map<String, Double> result = new LinkedHashMap<>();
        AXES.forEach((axis, value) -> {
            Set<Object> values = new HashSet<>();
            points.forEach(p -> values.add(value.apply(p.key())));
            if (values.size() < 2) {
                return;
            }
            // Groups: cells equal on every other axis.
            Map<List<Object>, List<Point>> groups = new LinkedHashMap<>();
            for (Point p : points) {
                List<Object> others = new ArrayList<>();
                AXES.forEach((other, read) -> {
                    if (!other.equals(axis)) {
                        others.add(read.apply(p.key()));
                    }
                });
                groups.computeIfAbsent(others, g -> new ArrayList<>()).add(p);
            }
            result.put(
                    axis,
                    groups.values().stream()
                            .mapToDouble(BoundScores::tau)
                            .filter(t -> !Double.isNaN(t))
                            .average()
                            .orElse(Double.NaN));
        });
        return result;
    }

    /** Kendall's τ-b of estimate against gap; NaN for fewer than two points or when either side is constant. */
    private static double tau(List<Point> points) {
        if (points.size() < 2) {
            return Double.NaN;
        }
        double[] estimates = points.stream().mapToDouble(Point::estimate).toArray();
        double[] gaps = points.stream().mapToDouble(Point::gap).toArray();
        if (Arrays.stream(estimates).distinct().count() < 2
                || Arrays.stream(gaps).distinct().count() < 2) {
            return Double.NaN;
        }
        return new KendallsCorrelation().correlation(estimates, gaps);
    }

    /**
     * Columns {@code estimator, cells, kendall_tau, granulated_tau, holds_fraction, mean_estimate, mean_gap}, then one
     * {@code tau_<axis>} (ψ of that axis) per axis that varies for some estimator.
     */
    public static Table table(List<Score> scores) {
        List<String> columns = new ArrayList<>(List.of(
                "estimator", "cells", "kendall_tau", "granulated_tau", "holds_fraction", "mean_estimate", "mean_gap"));
        AXES.keySet().stream()
                .filter(axis -> scores.stream().anyMatch(s -> s.axisTau().containsKey(axis)))
                .forEach(axis -> columns.add("tau_" + axis));
        Table table = new Table(columns);
        for (Score s : scores) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("estimator", s.estimator());
            row.put("cells", s.cells());
            row.put("kendall_tau", s.kendallTau());
            row.put("granulated_tau", s.granulatedTau());
            row.put("holds_fraction", s.holdsFraction());
            row.put("mean_estimate", s.meanEstimate());
            row.put("mean_gap", s.meanGap());
            s.axisTau().forEach((axis, psi) -> row.put("tau_" + axis, psi));
            table.add(row);
        }
        return table;
    }
}
