package io.pretrainbench.results.compare;

import io.pretrainbench.results.leaderboard.MethodLabels;
import io.pretrainbench.results.store.CellKey;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.DownstreamSetting;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;

/**
 * A method against a baseline, paired cell by cell: the same task, budget, protocol, downstream seed and pre-training
 * seed, so that both saw the same labelled examples. Each pre-training of the method (its parameter set, corpus and
 * corpus parameters) is compared separately, and so is each parameter set of a task or protocol (rows labelled like the
 * leaderboard's, e.g. {@code fine-tune{head_epochs=20}}, or {@code corpus.limit=5000} for the method's variant). Per
 * (task, budget, protocol): the mean difference in test accuracy with a 95% percentile-bootstrap interval (10 000
 * resamples, fixed seed), the paired t-test's and the Wilcoxon signed-rank test's two-sided p-values (exact Wilcoxon
 * for up to 30 pairs), and the win rate. The bootstrap resamples the pairs when they share one pre-training seed; when
 * they span several it is two-level, pre-training seeds first and then the pairs within each ({@link PairBootstrap}),
 * so that the interval carries the variation between pre-training runs. The p-values stay pair-level: they treat every
 * pair as independent whatever its pre-training seed.
 *
 * <p>Per (task, protocol): the area under each label-efficiency curve (mean test accuracy against log₁₀ budget,
 * trapezoids, divided by the log-range so that it is an average accuracy) and its difference, and the crossover budget:
 * the smallest budget from which the mean difference is no longer above zero ({@link #crossover}), with a 95% interval
 * from the same bootstrap applied to whole curves (a resample draws seeds, and each drawn pair contributes its
 * difference at every budget, so the curve's shape across budgets is kept).
 */
public final class Comparison {
    /**
     * A pre-training of the method, pre-training seed aside: what one variant of the method's rows shares.
     *
     * @param methodParams canonical JSON, as stored
     * @param corpusParams likewise
     */
    public record Pretraining(String method, String methodParams, String corpus, String corpusParams)
            implements Comparable<Pretraining> {
        private static final Comparator<Pretraining> ORDER = Comparator.comparing(Pretraining::method)
                .thenComparing(Pretraining::methodParams)
                .thenComparing(Pretraining::corpus)
                .thenComparing(Pretraining::corpusParams);

        /** The pre-training of {@code key}'s cell. */
        public static Pretraining of(CellKey key) {
            return new Pretraining(key.method(), key.methodParams(), key.corpus(), key.corpusParams());
        }

        /**
         * Whether these pre-trainings span more than one corpus or corpus parameter set: then the machine-readable
         * tables name the corpus too, and on one corpus they keep the columns they always had.
         */
        public static boolean severalCorpora(Collection<Pretraining> pretrainings) {
            return pretrainings.stream()
                            .map(p -> List.of(p.corpus(), p.corpusParams()))
                            .distinct()
                            .count()
                    > 1;
        }

        /** The names of {@link #columns}. */
        public static List<String> columnNames(boolean withCorpus) {
            return withCorpus ? List.of("method_params", "corpus", "corpus_params") : List.of("method_params");
        }

        /** The machine-readable columns: the method's parameter JSON, and the corpus when {@code withCorpus}. */
        public Map<String, Object> columns(boolean withCorpus) {
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("method_params", methodParams);
            if (withCorpus) {
                columns.put("corpus", corpus);
                columns.put("corpus_params", corpusParams);
            }
            return columns;
        }

        @Override
        public int compareTo(Pretraining other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * One group's paired result.
     *
     * @param variant the settings that tell {@code pretraining} apart from the method's other pre-trainings in the
     *     comparison, as the leaderboard labels them (e.g. {@code corpus.limit=5000, epochs=30}); empty when there is
     *     one
     */
    public record Row(
            String task,
            int budget,
            String protocol,
            Pretraining pretraining,
            String variant,
            int pairs,
            double meanMethod,
            double meanBaseline,
            double meanDifference,
            double ciLow,
            double ciHigh,
            double pTTest,
            double pWilcoxon,
            double winRate,
            int pretrainSeeds,
            List<PairedAccuracy> paired) {
        public Row {
            paired = List.copyOf(paired);
        }
    }

    /** One pair of cells on the same seeds: the method's test accuracy and the baseline's. */
    public record PairedAccuracy(long pretrainSeed, long seed, double method, double baseline) {
        public double difference() {
            return method - baseline;
        }

        PairBootstrap.Seeds seeds() {
            return new PairBootstrap.Seeds(pretrainSeed, seed);
        }
    }

    /**
     * The label-efficiency summary of one (task, protocol, pre-training of the method).
     *
     * @param crossoverBudget the smallest budget from which the mean difference is no longer above zero
     *     ({@link #crossover}); NaN for a curve of one budget
     * @param crossoverLow 2.5% percentile of the bootstrapped crossover; NaN with fewer than 2 pairs at every budget
     * @param crossoverHigh 97.5% percentile likewise
     */
    public record Curve(
            String task,
            String protocol,
            Pretraining pretraining,
            String variant,
            List<Integer> budgets,
            double aulcMethod,
            double aulcBaseline,
            double crossoverBudget,
            double crossoverLow,
            double crossoverHigh) {
        public Curve {
            budgets = List.copyOf(budgets);
        }

        /** The largest budget of the curve: a crossover beyond it is not seen. */
        public int largestBudget() {
            return budgets.get(budgets.size() - 1);
        }

        /**
         * A crossover budget of this curve for people: rounded, and in words where a number would mislead ({@code >
         * 5000} not caught up by the largest budget, {@code at or before 20} caught up by the smallest).
         */
        public String readable(double crossover) {
            if (Double.isNaN(crossover)) {
                return "– (one budget)";
            }
            if (crossover == Double.POSITIVE_INFINITY) {
                return "> " + largestBudget();
            }
            if (crossover == budgets.get(0)) {
                return "at or before " + budgets.get(0);
            }
            return String.format(Locale.ROOT, "%.0f", crossover);
        }

        /** The crossover's 95% interval for people, {@code [low, high]} as {@link #readable}; "–" without one. */
        public String readableInterval() {
            return Double.isNaN(crossoverLow)
                    ? "–"
                    : "[" + readable(crossoverLow) + ", " + readable(crossoverHigh) + "]";
        }
    }

    /** Cells of the method and of the baseline pair up when they share all of this. */
    private record Pairing(DownstreamSetting setting, long seed, long pretrainSeed) implements Comparable<Pairing> {
        private static final Comparator<Pairing> ORDER = Comparator.comparing(Pairing::setting)
                .thenComparingLong(Pairing::seed)
                .thenComparingLong(Pairing::pretrainSeed);

        @Override
        public int compareTo(Pairing other) {
            return ORDER.compare(this, other);
        }
    }

    /** One pre-training of the method in one setting: one row. */
    private record Variant(DownstreamSetting setting, Pretraining pretraining) implements Comparable<Variant> {
        private static final Comparator<Variant> ORDER =
                Comparator.comparing(Variant::setting).thenComparing(Variant::pretraining);

        @Override
        public int compareTo(Variant other) {
            return ORDER.compare(this, other);
        }
    }

    /** The column of the people's tables that names each pre-training by what tells it apart. */
    private static final String VARIANT = "variant";

    private Comparison() {}

    /**
     * Paired rows, one per (task, budget, protocol) and parameter set of {@code method}.
     *
     * @param method a {@link MethodSelector}: a name, optionally with parameter values
     * @param baseline likewise, e.g. {@code scratch{architecture=vit}}
     * @throws IllegalArgumentException if the baseline has several parameter sets for one group, so pairs are ambiguous
     */
    public static List<Row> rows(List<StoredCell> cells, String method, String baseline) {
        MethodSelector methodSide = MethodSelector.parse(method);
        MethodSelector baselineSide = MethodSelector.parse(baseline);
        Map<Pairing, Double> baselines = new TreeMap<>();
        Map<Variant, Map<Pairing, Double>> methods = new TreeMap<>();
        for (StoredCell cell : cells) {
            CellKey k = cell.key();
            if (cell.status() != CellStatus.SUCCEEDED) {
                continue;
            }
            DownstreamSetting setting = DownstreamSetting.of(k);
            Pairing pair = new Pairing(setting, k.seed(), k.pretrainSeed());
            double accuracy = cell.metrics().orElseThrow().testAccuracy();
            if (baselineSide.matches(k)) {
                if (baselines.put(pair, accuracy) != null) {
                    throw new IllegalArgumentException(
                            "baseline '" + baseline + "' has several parameter sets for " + k.task()
                                    + ", m=" + k.budget() + ", " + k.protocol()
                                    + ": pairs would be ambiguous; narrow it with the parameter"
                                    + " that tells them apart, e.g. --baseline '" + baselineSide.method()
                                    + "{architecture=vit}' or, for the corpus's, '" + baselineSide.method()
                                    + "{" + MethodSelector.CORPUS_PREFIX + "limit=20000}'");
                }
            } else if (methodSide.matches(k)) {
                methods.computeIfAbsent(new Variant(setting, Pretraining.of(k)), g -> new TreeMap<>())
                        .put(pair, accuracy);
            }
        }
        // Variants of one task or protocol (test_view: single vs all; fine-tune vs fine-tune{head_epochs=20}) are
        // separate
        // rows, labelled as the leaderboard labels them: the name plus the parameters that tell the variants apart.
        Map<String, Map<String, String>> taskLabels =
                variantLabels(methods.keySet(), DownstreamSetting::task, DownstreamSetting::taskParams);
        Map<String, Map<String, String>> protocolLabels =
                variantLabels(methods.keySet(), DownstreamSetting::protocol, DownstreamSetting::protocolParams);
        Map<Pretraining, String> pretrainingLabels = MethodLabels.distinguishingPretrainings(
                methods.keySet().stream().map(Variant::pretraining).toList(),
                Pretraining::methodParams,
                Pretraining::corpus,
                Pretraining::corpusParams);
        List<Row> rows = new ArrayList<>();
        methods.forEach((variant, pairs) -> {
            List<PairedAccuracy> matched = new ArrayList<>();
            pairs.forEach((pair, accuracy) -> {
                Double base = baselines.get(pair);
                if (base != null) {
                    matched.add(new PairedAccuracy(pair.pretrainSeed(), pair.seed(), accuracy, base));
                }
            });
            if (!matched.isEmpty()) {
                DownstreamSetting s = variant.setting();
                String task = label(s.task(), taskLabels.get(s.task()).get(s.taskParams()));
                String protocol =
                        label(s.protocol(), protocolLabels.get(s.protocol()).get(s.protocolParams()));
                rows.add(row(
                        task,
                        s.budget(),
                        protocol,
                        variant.pretraining(),
                        pretrainingLabels.get(variant.pretraining()),
                        matched));
            }
        });
        return rows;
    }

    /** Per name (a task or protocol of the variants' settings), its parameter sets to their distinguishing part. */
    private static Map<String, Map<String, String>> variantLabels(
            Set<Variant> variants,
            Function<DownstreamSetting, String> nameOf,
            Function<DownstreamSetting, String> paramsOf) {
        Map<String, List<String>> byName = new TreeMap<>();
        variants.forEach(v -> byName.computeIfAbsent(nameOf.apply(v.setting()), n -> new ArrayList<>())
                .add(paramsOf.apply(v.setting())));
        Map<String, Map<String, String>> labels = new TreeMap<>();
        byName.forEach((name, params) -> labels.put(name, MethodLabels.distinguishing(params)));
        return labels;
    }

    private static String label(String name, String variant) {
        return variant.isEmpty() ? name : name + "{" + variant + "}";
    }

    static Row row(
            String task,
            int budget,
            String protocol,
            Pretraining pretraining,
            String variant,
            List<PairedAccuracy> paired) {
        int n = paired.size();
        double[] a = paired.stream().mapToDouble(PairedAccuracy::method).toArray();
        double[] b = paired.stream().mapToDouble(PairedAccuracy::baseline).toArray();
        double[] diff = new double[n];
        int wins = 0;
        for (int i = 0; i < n; i++) {
            diff[i] = a[i] - b[i];
            wins += diff[i] > 0 ? 1 : 0;
        }
        PairBootstrap bootstrap =
                new PairBootstrap(paired.stream().map(PairedAccuracy::seeds).toList());
        double[] ci = bootstrap(diff, bootstrap);
        boolean constant = Arrays.stream(diff).allMatch(d -> d == diff[0]);
        double pT = n < 2 || constant ? Double.NaN : new TTest().pairedTTest(a, b);
        // Commons Math's exact two-sided p is 2·P(W ≤ min(W+, W−)), which passes 1 when W+ and W− are (nearly) equal,
        // e.g. 1.25 for differences +1, +2, −3; a probability is at most 1.
        double pW = n < 2 || Arrays.stream(diff).allMatch(d -> d == 0)
                ? Double.NaN
                : Math.min(1.0, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, b, n <= 30));
        return new Row(
                task,
                budget,
                protocol,
                pretraining,
                variant,
                n,
                mean(a),
                mean(b),
                mean(diff),
                ci[0],
                ci[1],
                pT,
                pW,
                (double) wins / n,
                bootstrap.pretrainSeeds(),
                paired);
    }

    /** 95% percentile-bootstrap interval of the mean of {@code values}, drawn as {@code bootstrap} draws the pairs. */
    private static double[] bootstrap(double[] values, PairBootstrap bootstrap) {
        if (values.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        int[][] draws = bootstrap.draws();
        double[] means = new double[draws.length];
        for (int r = 0; r < draws.length; r++) {
            double sum = 0;
            for (int i : draws[r]) {
                sum += values[i];
            }
            means[r] = sum / draws[r].length;
        }
        return PairBootstrap.percentileInterval(means);
    }

    /** Label-efficiency curves from the rows, one per (task, protocol). */
    public static List<Curve> curves(List<Row> rows) {
        Map<List<Object>, List<Row>> byCurve = new LinkedHashMap<>();
        rows.forEach(
                r -> byCurve.computeIfAbsent(List.of(r.task(), r.protocol(), r.pretraining()), k -> new ArrayList<>())
                        .add(r));
        List<Curve> curves = new ArrayList<>();
        byCurve.values().forEach(group -> {
            group.sort((x, y) -> Integer.compare(x.budget(), y.budget()));
            int[] budgets = group.stream().mapToInt(Row::budget).toArray();
            double[] interval = crossoverInterval(group, budgets);
            curves.add(new Curve(
                    group.get(0).task(),
                    group.get(0).protocol(),
                    group.get(0).pretraining(),
                    group.get(0).variant(),
                    group.stream().map(Row::budget).toList(),
                    aulc(group, Row::meanMethod),
                    aulc(group, Row::meanBaseline),
                    crossover(
                            budgets,
                            group.stream().mapToDouble(Row::meanDifference).toArray()),
                    interval[0],
                    interval[1]));
        });
        return curves;
    }

    /**
     * The crossover budget of a label-efficiency curve: the smallest budget from which the method − baseline difference
     * is no longer above zero. After the last budget where the difference is above zero it is interpolated linearly in
     * log budget between that budget and the next, where the line through their differences reaches zero. It is the
     * smallest budget when the difference is above zero nowhere (the baseline has caught up at or before it; the grid
     * cannot say how much earlier), +∞ when it is still above zero at the largest budget (not caught up within the
     * grid), and NaN for a curve of one budget.
     *
     * @param budgets ascending
     * @param differences the mean difference at each budget
     */
    static double crossover(int[] budgets, double[] differences) {
        if (budgets.length < 2) {
            return Double.NaN;
        }
        int last = -1;
        for (int j = 0; j < budgets.length; j++) {
            if (differences[j] > 0) {
                last = j;
            }
        }
        if (last < 0) {
            return budgets[0];
        }
        if (last == budgets.length - 1) {
            return Double.POSITIVE_INFINITY;
        }
        double fraction = differences[last] / (differences[last] - differences[last + 1]);
        double from = Math.log(budgets[last]);
        return Math.exp(from + fraction * (Math.log(budgets[last + 1]) - from));
    }

    /**
     * 95% percentile interval of the crossover budget over bootstrap resamples of whole curves: the pairs present at
     * every budget of the curve are resampled once per resample (two-level across pre-training seeds, as for the rows),
     * and the crossover is taken from the resampled mean difference at each budget.
     */
    private static double[] crossoverInterval(List<Row> sortedByBudget, int[] budgets) {
        List<Map<PairBootstrap.Seeds, Double>> byBudget = sortedByBudget.stream()
                .map(r -> {
                    Map<PairBootstrap.Seeds, Double> differences = new LinkedHashMap<>();
                    r.paired().forEach(p -> differences.put(p.seeds(), p.difference()));
                    return differences;
                })
                .toList();
        List<PairBootstrap.Seeds> complete = byBudget.get(0).keySet().stream()
                .filter(seeds -> byBudget.stream().allMatch(d -> d.containsKey(seeds)))
                .toList();
        if (budgets.length < 2 || complete.size() < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[][] differences = new double[budgets.length][complete.size()];
        for (int j = 0; j < budgets.length; j++) {
            for (int i = 0; i < complete.size(); i++) {
                differences[j][i] = byBudget.get(j).get(complete.get(i));
            }
        }
        int[][] draws = new PairBootstrap(complete).draws();
        double[] crossovers = new double[draws.length];
        double[] means = new double[budgets.length];
        for (int r = 0; r < draws.length; r++) {
            for (int j = 0; j < budgets.length; j++) {
                double sum = 0;
                for (int i : draws[r]) {
                    sum += differences[j][i];
                }
                means[j] = sum / draws[r].length;
            }
            crossovers[r] = crossover(budgets, means);
        }
        return PairBootstrap.percentileInterval(crossovers);
    }

    private static double aulc(List<Row> sorted, java.util.function.ToDoubleFunction<Row> accuracy) {
        if (sorted.size() == 1) {
            return accuracy.applyAsDouble(sorted.get(0));
        }
        double area = 0;
        for (int i = 1; i < sorted.size(); i++) {
            double width = Math.log10(sorted.get(i).budget())
                    - Math.log10(sorted.get(i - 1).budget());
            area += width * (accuracy.applyAsDouble(sorted.get(i)) + accuracy.applyAsDouble(sorted.get(i - 1))) / 2;
        }
        return area
                / (Math.log10(sorted.get(sorted.size() - 1).budget())
                        - Math.log10(sorted.get(0).budget()));
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    public static void write(List<Row> rows, Table.Format format, Writer out) {
        table(rows).write(format, out);
    }

    /**
     * The rows for machines: each pre-training's full {@code method_params}, and its {@code corpus} and
     * {@code corpus_params} when the rows span several ({@link Pretraining#columns}).
     */
    public static Table table(List<Row> rows) {
        return table(rows, false);
    }

    /** The rows for people: in place of the parameter JSON, the {@code variant} settings that tell them apart. */
    public static Table labelledTable(List<Row> rows) {
        return table(rows, true);
    }

    private static Table table(List<Row> rows, boolean labelled) {
        boolean withCorpus =
                Pretraining.severalCorpora(rows.stream().map(Row::pretraining).toList());
        List<String> columns = new ArrayList<>(List.of("task", "budget", "protocol"));
        columns.addAll(labelled ? List.of(VARIANT) : Pretraining.columnNames(withCorpus));
        columns.addAll(List.of(
                "pairs",
                "method_accuracy",
                "baseline_accuracy",
                "difference",
                "ci_low",
                "ci_high",
                "p_t_test",
                "p_wilcoxon",
                "win_rate",
                "pretrain_seeds"));
        Table table = new Table(columns);
        for (Row r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", r.task());
            row.put("budget", r.budget());
            row.put("protocol", r.protocol());
            row.putAll(labelled ? Map.of(VARIANT, r.variant()) : r.pretraining().columns(withCorpus));
            row.put("pairs", r.pairs());
            row.put("method_accuracy", r.meanMethod());
            row.put("baseline_accuracy", r.meanBaseline());
            row.put("difference", r.meanDifference());
            row.put("ci_low", r.ciLow());
            row.put("ci_high", r.ciHigh());
            row.put("p_t_test", r.pTTest());
            row.put("p_wilcoxon", r.pWilcoxon());
            row.put("win_rate", r.winRate());
            row.put("pretrain_seeds", r.pretrainSeeds());
            table.add(row);
        }
        return table;
    }

    /** The curves for machines, with the pre-training columns of {@link #table}. */
    public static Table curveTable(List<Curve> curves) {
        return curveTable(curves, false);
    }

    /** The curves for people, with the {@code variant} column of {@link #labelledTable}. */
    public static Table labelledCurveTable(List<Curve> curves) {
        return curveTable(curves, true);
    }

    private static Table curveTable(List<Curve> curves, boolean labelled) {
        boolean withCorpus = Pretraining.severalCorpora(
                curves.stream().map(Curve::pretraining).toList());
        List<String> columns = new ArrayList<>(List.of("task", "protocol"));
        columns.addAll(labelled ? List.of(VARIANT) : Pretraining.columnNames(withCorpus));
        columns.addAll(List.of(
                "budgets",
                "aulc_method",
                "aulc_baseline",
                "aulc_difference",
                "crossover_budget",
                "crossover_low",
                "crossover_high"));
        Table table = new Table(columns);
        for (Curve c : curves) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", c.task());
            row.put("protocol", c.protocol());
            row.putAll(labelled ? Map.of(VARIANT, c.variant()) : c.pretraining().columns(withCorpus));
            row.put("budgets", c.budgets().toString());
            row.put("aulc_method", c.aulcMethod());
            row.put("aulc_baseline", c.aulcBaseline());
            row.put("aulc_difference", c.aulcMethod() - c.aulcBaseline());
            row.put("crossover_budget", c.crossoverBudget());
            row.put("crossover_low", c.crossoverLow());
            row.put("crossover_high", c.crossoverHigh());
            table.add(row);
        }
        return table;
    }
}
