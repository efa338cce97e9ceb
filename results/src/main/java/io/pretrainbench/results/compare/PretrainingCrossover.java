package io.pretrainbench.results.compare;

import io.pretrainbench.results.leaderboard.MethodLabels;
import io.pretrainbench.results.table.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * When the baseline catches up, against how much pre-training went in: one label-efficiency curve's crossover budget
 * ({@link Comparison#crossover}) beside its pre-training's optimiser steps ({@link PretrainingSteps}).
 *
 * @param pretrainSteps empty when no stored curve tells them
 */
public record PretrainingCrossover(Comparison.Curve curve, OptionalDouble pretrainSteps) {
    private static final Comparator<PretrainingCrossover> ORDER = Comparator.comparing(
                    (PretrainingCrossover c) -> c.curve().task())
            .thenComparing(c -> c.curve().protocol())
            .thenComparingDouble(c -> c.pretrainSteps().orElse(Double.POSITIVE_INFINITY))
            .thenComparing(c -> c.curve().variant());

    /**
     * One per curve, ordered by task, protocol and pre-training steps (unknown last).
     *
     * @param steps per pre-training of the curves, as {@link PretrainingSteps#of} gives them
     */
    public static List<PretrainingCrossover> of(
            List<Comparison.Curve> curves, Map<Comparison.Pretraining, OptionalDouble> steps) {
        List<PretrainingCrossover> crossovers = new ArrayList<>();
        curves.forEach(c -> crossovers.add(new PretrainingCrossover(c, steps.get(c.pretraining()))));
        crossovers.sort(ORDER);
        return crossovers;
    }

    /** The method's name with the settings that tell this pre-training apart, e.g. {@code mae{epochs=10}}. */
    public String label() {
        return MethodLabels.named(curve.pretraining().method(), curve.variant());
    }

    /** Whether the baseline caught up within the curve's budgets; empty for a curve of one budget, which cannot say. */
    public Optional<Boolean> caughtUp() {
        double crossover = curve.crossoverBudget();
        return Double.isNaN(crossover) ? Optional.empty() : Optional.of(crossover < Double.POSITIVE_INFINITY);
    }

    /**
     * For machines: the label, the pre-training's parameter JSON (and its corpus when the rows span several), the steps
     * (empty when unknown), the crossover and its interval as numbers ({@code Infinity}: not caught up, which JSON
     * writes as {@code null}, hence {@code caught_up}), and the largest budget.
     */
    public static Table table(List<PretrainingCrossover> crossovers) {
        boolean withCorpus = Comparison.Pretraining.severalCorpora(
                crossovers.stream().map(c -> c.curve().pretraining()).toList());
        List<String> columns = new ArrayList<>(List.of("variant", "task", "protocol"));
        columns.addAll(Comparison.Pretraining.columnNames(withCorpus));
        columns.addAll(List.of(
                "pretrain_steps",
                "crossover_budget",
                "crossover_low",
                "crossover_high",
                "largest_budget",
                "caught_up"));
        Table table = new Table(columns);
        for (PretrainingCrossover c : crossovers) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", c.label());
            row.put("task", c.curve().task());
            row.put("protocol", c.curve().protocol());
            row.putAll(c.curve().pretraining().columns(withCorpus));
            row.put("pretrain_steps", c.pretrainSteps().orElse(Double.NaN));
            row.put("crossover_budget", c.curve().crossoverBudget());
            row.put("crossover_low", c.curve().crossoverLow());
            row.put("crossover_high", c.curve().crossoverHigh());
            row.put("largest_budget", c.curve().largestBudget());
            row.put("caught_up", c.caughtUp().orElse(null));
            table.add(row);
        }
        return table;
    }

    /** For people: steps as a whole number or "–" when unknown, the crossover in {@link Comparison.Curve#readable}. */
    public static Table labelledTable(List<PretrainingCrossover> crossovers) {
        Table table = new Table(List.of(
                "variant", "task", "protocol", "pretrain_steps", "crossover_budget", "95% interval", "largest_budget"));
        for (PretrainingCrossover c : crossovers) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("variant", c.label());
            row.put("task", c.curve().task());
            row.put("protocol", c.curve().protocol());
            row.put(
                    "pretrain_steps",
                    c.pretrainSteps().isPresent()
                            ? String.format(
                                    Locale.ROOT, "%.0f", c.pretrainSteps().getAsDouble())
                            : "–");
            row.put("crossover_budget", c.curve().readable(c.curve().crossoverBudget()));
            row.put("95% interval", c.curve().readableInterval());
            row.put("largest_budget", c.curve().largestBudget());
            table.add(row);
        }
        return table;
    }
}
