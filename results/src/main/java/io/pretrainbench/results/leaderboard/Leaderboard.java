package io.pretrainbench.results.leaderboard;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.mapping;
import static java.util.stream.Collectors.toSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.results.bounds.BoundScores;
import io.pretrainbench.results.store.CellKey;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.DownstreamSetting;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Per task, label budget and protocol: each method's mean of the ranked metric (test accuracy by default; test risk or
 * generalization gap, where lower is better) over seeds with a 95% confidence interval, and its rank.
 *
 * <p>Rows are per (task, budget, protocol) group and, within it, per method, method parameters and corpus: a sweep of
 * one method's parameters gives one row per parameter set ({@link MethodLabels} names them by the settings that
 * differ). Only succeeded cells count; failed ones are in the export, not here.
 *
 * <p>The interval is Student's t: mean ± t(0.975, n−1)·s/√n over the n succeeded cells of the method in the group
 * ({@code s} the sample standard deviation). With one cell it is undefined: {@code ciLow}/{@code ciHigh} are NaN, JSON
 * writes null, CSV leaves them empty and the text table says {@code n/a (1 seed)} — never a zero-width interval. The
 * reported ends are clipped to the metric's range (accuracy [0, 1], risk [0, ∞), gap [−1, 1]): with few seeds the
 * t-interval of an accuracy can reach past 1, which is no accuracy. Ranks are computed before clipping, so clipping
 * never makes two intervals touch that did not.
 *
 * <p>Rank and tie rule, so that differences the seeds cannot resolve are shown as ties: a method's rank is 1 plus the
 * number of methods in its group whose interval lies <em>entirely</em> better than its own (for accuracy: whose lower
 * end is above this method's upper end; for lower-is-better metrics, mirrored). Touching or overlapping intervals do
 * not separate. A row is {@code tied} when another method of the group has the same rank (shown as {@code 1=}); rank 1
 * therefore goes to every method that no other method resolvably beats. A method with fewer than two values of the
 * metric has no interval, so nothing can be said about its place: it is not ranked (empty rank, shown as {@code -}) and
 * does not count in the others' ranks. Rows are listed by rank, then by mean (best first); unranked rows last.
 */
public final class Leaderboard {
    public static final List<String> COLUMNS = List.of(
            "task",
            "budget",
            "protocol",
            "rank",
            "method",
            "method_params",
            "corpus",
            "seeds",
            "metric",
            "mean",
            "ci_low",
            "ci_high",
            "test_accuracy",
            "test_risk",
            "train_accuracy",
            "generalization_gap",
            "tied",
            "task_params",
            "protocol_params",
            "corpus_params");

    private Leaderboard() {}

    /** Ranked by mean test accuracy. */
    public static List<LeaderboardRow> compute(List<StoredCell> cells, LeaderboardFilter filter) {
        return compute(cells, filter, RankedMetric.TEST_ACCURACY);
    }

    /** Ranked by {@code metric}; the interval columns are that metric's. */
    public static List<LeaderboardRow> compute(List<StoredCell> cells, LeaderboardFilter filter, RankedMetric metric) {
        Map<DownstreamSetting, Map<Contender, List<Metrics>>> groups = new TreeMap<>();
        for (StoredCell cell : cells) {
            CellKey k = cell.key();
            if (cell.status() != CellStatus.SUCCEEDED || !filter.matches(k.task(), k.budget(), k.protocol())) {
                continue;
            }
            groups.computeIfAbsent(DownstreamSetting.of(k), g -> new TreeMap<>())
                    .computeIfAbsent(Contender.of(k), e -> new ArrayList<>())
                    .add(cell.metrics().orElseThrow());
        }
        List<LeaderboardRow> rows = new ArrayList<>();
        groups.forEach((group, entries) -> rows.addAll(rank(group, entries, metric)));
        return rows;
    }

    /** A method with its parameters, pre-trained on a corpus with its parameters: one row of a setting. */
    private record Contender(String method, String methodParams, String corpus, String corpusParams)
            implements Comparable<Contender> {
        private static final Comparator<Contender> ORDER = Comparator.comparing(Contender::method)
                .thenComparing(Contender::methodParams)
                .thenComparing(Contender::corpus)
                .thenComparing(Contender::corpusParams);

        static Contender of(CellKey k) {
            return new Contender(k.method(), k.methodParams(), k.corpus(), k.corpusParams());
        }

        @Override
        public int compareTo(Contender other) {
            return ORDER.compare(this, other);
        }
    }

    private static List<LeaderboardRow> rank(
            DownstreamSetting group, Map<Contender, List<Metrics>> entries, RankedMetric metric) {
        // Ranking "higher is better" throughout: lower-is-better metrics are negated here and restored below.
        double sign = metric.higherIsBetter() ? 1 : -1;
        record Scored(Contender entry, List<Metrics> metrics, double mean, double low, double high) {
            boolean hasInterval() {
                return !Double.isNaN(low);
            }
        }
        List<Scored> scored = new ArrayList<>();
        entries.forEach((entry, metrics) -> {
            double[] interval = interval(metrics, m -> sign * metric.of(m));
            scored.add(new Scored(entry, metrics, interval[0], interval[1], interval[2]));
        });
        Map<Scored, Integer> ranks = new HashMap<>();
        for (Scored s : scored) {
            if (s.hasInterval()) {
                long above = scored.stream()
                        .filter(o -> o.hasInterval() && o.low() > s.high())
                        .count();
                ranks.put(s, 1 + (int) above);
            }
        }
        // Ranked rows by rank, then by mean; rows without an interval after them, by mean (NaN last).
        scored.sort(Comparator.<Scored>comparingInt(s -> ranks.getOrDefault(s, Integer.MAX_VALUE))
                .thenComparing(Comparator.comparingDouble(
                                (Scored s) -> Double.isNaN(s.mean()) ? Double.NEGATIVE_INFINITY : s.mean())
                        .reversed()));
        List<LeaderboardRow> rows = new ArrayList<>();
        for (Scored s : scored) {
            Integer rank = ranks.get(s);
            boolean tied =
                    rank != null && ranks.values().stream().filter(rank::equals).count() > 1;
            rows.add(new LeaderboardRow(
                    group.task(),
                    group.taskParams(),
                    group.budget(),
                    group.protocol(),
                    group.protocolParams(),
                    s.entry().method(),
                    s.entry().methodParams(),
                    s.entry().corpus(),
                    s.entry().corpusParams(),
                    s.metrics().size(),
                    metric.id(),
                    sign * s.mean(),
                    metric.clip(sign > 0 ? s.low() : -s.high()),
                    metric.clip(sign > 0 ? s.high() : -s.low()),
                    mean(s.metrics(), Metrics::testAccuracy),
                    mean(s.metrics(), Metrics::testRisk),
                    mean(s.metrics(), Metrics::trainAccuracy),
                    mean(s.metrics(), Metrics::generalizationGap),
                    rank == null ? OptionalInt.empty() : OptionalInt.of(rank),
                    tied));
        }
        return rows;
    }

    /**
     * {mean, low, high} of the 95% Student-t interval over the finite values (a metric a protocol does not measure,
     * such as the test risk of k-NN, is NaN); low and high are NaN for fewer than two values, the mean NaN for none.
     */
    static double[] interval(List<Metrics> metrics, ToDoubleFunction<Metrics> value) {
        SummaryStatistics stats = new SummaryStatistics();
        metrics.stream().mapToDouble(value).filter(Double::isFinite).forEach(stats::addValue);
        double mean = stats.getMean();
        long n = stats.getN();
        if (n < 2) {
            return new double[] {mean, Double.NaN, Double.NaN};
        }
        double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975)
                * stats.getStandardDeviation()
                / Math.sqrt(n);
        return new double[] {mean, mean - half, mean + half};
    }

    private static double mean(List<Metrics> metrics, ToDoubleFunction<Metrics> value) {
        return metrics.stream()
                .mapToDouble(value)
                .filter(Double::isFinite)
                .average()
                .orElse(Double.NaN);
    }

    /** Columns shown on terminals and in Markdown, where the full parameter JSON would drown the numbers. */
    public static final List<String> DISPLAY_COLUMNS = List.of(
            "task",
            "budget",
            "protocol",
            "rank",
            "method",
            "seeds",
            "metric",
            "mean",
            "ci_95",
            "test_accuracy",
            "test_risk",
            "generalization_gap");

    /**
     * The document {@code leaderboard --format json} prints: {@code metric}, {@code rows} (every column, as the CSV)
     * and {@code bounds}, each bound estimator's scores ({@link BoundScores}: Kendall's τ, granulated τ with its
     * per-axis values, holding fraction, cells) over the succeeded cells the filter lets through, the same code and
     * columns as {@code bounds} and {@code compare}, and {@code diagnostics}, the diagnostic estimators' values (never
     * scored).
     */
    public static void writeJson(List<StoredCell> cells, LeaderboardFilter filter, RankedMetric metric, Writer out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("metric", metric.id());
        doc.put("rows", table(compute(cells, filter, metric), false).jsonRows());
        List<StoredCell> covered = cells.stream()
                .filter(c ->
                        filter.matches(c.key().task(), c.key().budget(), c.key().protocol()))
                .toList();
        doc.put("bounds", BoundScores.table(BoundScores.compute(covered)).jsonRows());
        doc.put(
                "diagnostics",
                BoundScores.diagnosticsTable(BoundScores.diagnostics(covered)).jsonRows());
        try {
            out.write(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders rows: all columns for CSV and JSON, a readable subset for the text table and Markdown. */
    public static void write(List<LeaderboardRow> rows, Table.Format format, Writer out) {
        table(rows, format == Table.Format.TABLE || format == Table.Format.MARKDOWN)
                .write(format, out);
    }

    /** The rows as a table: {@link #DISPLAY_COLUMNS} when {@code display}, else every column. */
    public static Table table(List<LeaderboardRow> rows, boolean display) {
        Table table = new Table(display ? DISPLAY_COLUMNS : COLUMNS);
        MethodLabels labels = new MethodLabels(rows);
        // Like methods, protocols show only the parameters that tell their variants apart, e.g.
        // fine-tune{head_epochs=10}.
        Map<String, Map<String, String>> protocolLabels = new HashMap<>();
        rows.stream()
                .collect(groupingBy(LeaderboardRow::protocol, mapping(LeaderboardRow::protocolParams, toSet())))
                .forEach((protocol, params) -> protocolLabels.put(protocol, MethodLabels.distinguishing(params)));
        // Tasks likewise, e.g. multiview{test_view=single}: otherwise two rows of one task name look like one.
        Map<String, Map<String, String>> taskLabels = new HashMap<>();
        rows.stream()
                .collect(groupingBy(LeaderboardRow::task, mapping(LeaderboardRow::taskParams, toSet())))
                .forEach((task, params) -> taskLabels.put(task, MethodLabels.distinguishing(params)));
        for (LeaderboardRow r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", r.task());
            row.put("budget", r.budget());
            row.put("protocol", r.protocol());
            row.put("rank", r.rank().isEmpty() ? "-" : r.rank().getAsInt() + (r.tied() ? "=" : ""));
            row.put("seeds", r.seeds());
            row.put("metric", r.metric());
            row.put("mean", r.mean());
            row.put("test_accuracy", r.meanTestAccuracy());
            row.put("test_risk", r.meanTestRisk());
            row.put("generalization_gap", r.meanGeneralizationGap());
            if (display) {
                String taskSettings = taskLabels.get(r.task()).get(r.taskParams());
                row.put("task", taskSettings.isEmpty() ? r.task() : r.task() + "{" + taskSettings + "}");
                String protocolSettings = protocolLabels.get(r.protocol()).get(r.protocolParams());
                row.put(
                        "protocol",
                        protocolSettings.isEmpty() ? r.protocol() : r.protocol() + "{" + protocolSettings + "}");
                row.put("method", labels.label(r));
                row.put(
                        "ci_95",
                        !Double.isNaN(r.ciLow())
                                ? String.format(java.util.Locale.ROOT, "[%.4f, %.4f]", r.ciLow(), r.ciHigh())
                                : r.seeds() < 2 ? "n/a (1 seed)" : "n/a");
            } else {
                row.put("rank", r.rank().isPresent() ? r.rank().getAsInt() : null);
                row.put("method", r.method());
                row.put("method_params", r.methodParams());
                row.put("corpus", r.corpus());
                row.put("ci_low", r.ciLow());
                row.put("ci_high", r.ciHigh());
                row.put("train_accuracy", r.meanTrainAccuracy());
                row.put("tied", r.tied());
                row.put("task_params", r.taskParams());
                row.put("protocol_params", r.protocolParams());
                row.put("corpus_params", r.corpusParams());
            }
            table.add(row);
        }
        return table;
    }
}
