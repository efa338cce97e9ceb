package io.pretrainbench.results.report;

import io.pretrainbench.results.bounds.BoundScores;
import io.pretrainbench.results.compare.Comparison;
import io.pretrainbench.results.leaderboard.Leaderboard;
import io.pretrainbench.results.leaderboard.LeaderboardFilter;
import io.pretrainbench.results.leaderboard.LeaderboardRow;
import io.pretrainbench.results.leaderboard.MethodLabels;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.RunInfo;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * One self-contained HTML page over a store: leaderboard, accuracy-versus-budget curves per protocol with 95%
 * intervals, each pre-training method's gain over the baseline, bound-versus-gap scatter plots with Kendall's τ,
 * training-loss curves, failed cells, and the environment of every run. Plots are PNG data URIs, so the file opens
 * offline and can be mailed as is.
 */
public final class HtmlReport {
    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px}"
            + "th{background:#f0f0f0}img.plot{display:block;margin:1em 0;border:1px solid #ddd}h2{margin-top:2em}";

    private HtmlReport() {}

    /** @param baseline the method every other one is compared with, e.g. {@code scratch} */
    public static void write(ResultStore store, String baseline, Writer out) {
        List<StoredCell> cells = store.cells();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>PretrainBench"
                        + " report</title>")
                .append("<style>")
                .append(STYLE)
                .append("</style></head><body>\n");
        long failed =
                cells.stream().filter(c -> c.status() == CellStatus.FAILED).count();
        html.append("<h1>PretrainBench report</h1><p>")
                .append(cells.size())
                .append(" cells (")
                .append(failed)
                .append(" failed), generated ")
                .append(Instant.now())
                .append("</p>\n");
        for (String grid : store.unfinishedGrids()) {
            html.append("<p class=\"partial\"><b>Partial results:</b> ")
                    .append(Html.escape(grid))
                    .append("; every figure below will change as the run goes on.</p>\n");
        }

        List<LeaderboardRow> board = Leaderboard.compute(cells, LeaderboardFilter.ALL);
        html.append("<h2>Leaderboard</h2>").append(Html.table(Leaderboard.table(board, true)));
        html.append("<h2>Accuracy versus label budget</h2>").append(accuracyCurves(board));
        html.append("<h2>Gain over ")
                .append(Html.escape(baseline))
                .append("</h2>")
                .append(gains(cells, board, baseline));
        html.append("<h2>Bounds versus measured generalization gap</h2>").append(bounds(cells));
        html.append("<h2>Training curves</h2>").append(trainingCurves(store, cells));
        html.append("<h2>Failed cells</h2>").append(failures(cells));
        html.append("<h2>Runs and environment</h2>").append(runs(store.runs()));
        html.append("</body></html>\n");
        try {
            out.write(html.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String accuracyCurves(List<LeaderboardRow> board) {
        MethodLabels labels = new MethodLabels(board);
        Map<String, Map<String, YIntervalSeries>> charts = new TreeMap<>();
        for (LeaderboardRow r : board) {
            YIntervalSeries series = charts.computeIfAbsent(r.task() + " — " + r.protocol(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(labels.label(r), YIntervalSeries::new);
            double low = Double.isNaN(r.ciLow()) ? r.meanTestAccuracy() : r.ciLow();
            double high = Double.isNaN(r.ciHigh()) ? r.meanTestAccuracy() : r.ciHigh();
            series.add(r.budget(), r.meanTestAccuracy(), low, high);
        }
        StringBuilder html = new StringBuilder();
        charts.forEach((title, series) -> {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            series.values().forEach(data::addSeries);
            html.append(Charts.img(
                    Charts.intervals(title, "labelled examples m (log scale)", "test accuracy (mean, 95% CI)", data),
                    "accuracy vs budget: " + title));
        });
        return html.length() == 0 ? "<p>No succeeded cells.</p>" : html.toString();
    }

    private static String gains(List<StoredCell> cells, List<LeaderboardRow> board, String baseline) {
        StringBuilder html = new StringBuilder();
        for (String method : board.stream()
                .map(LeaderboardRow::method)
                .distinct()
                .filter(m -> !m.equals(baseline))
                .toList()) {
            List<Comparison.Row> rows;
            try {
                rows = Comparison.rows(cells, method, baseline);
            } catch (IllegalArgumentException ambiguous) {
                html.append("<p>")
                        .append(Html.escape(method))
                        .append(": ")
                        .append(Html.escape(ambiguous.getMessage()))
                        .append("</p>");
                continue;
            }
            if (rows.isEmpty()) {
                continue;
            }
            Map<String, YIntervalSeriesCollection> charts = new TreeMap<>();
            Map<String, YIntervalSeries> series = new LinkedHashMap<>();
            for (Comparison.Row r : rows) {
                String chart = r.task() + " — " + method + " − " + baseline;
                String name = r.protocol() + (r.variant().isEmpty() ? "" : " {" + r.variant() + "}");
                YIntervalSeries s = series.computeIfAbsent(chart + name, k -> {
                    YIntervalSeries created = new YIntervalSeries(name);
                    charts.computeIfAbsent(chart, c -> new YIntervalSeriesCollection())
                            .addSeries(created);
                    return created;
                });
                double low = Double.isNaN(r.ciLow()) ? r.meanDifference() : r.ciLow();
                double high = Double.isNaN(r.ciHigh()) ? r.meanDifference() : r.ciHigh();
                s.add(r.budget(), r.meanDifference(), low, high);
            }
            charts.forEach((title, data) -> html.append(Charts.img(
                    Charts.intervals(
                            title,
                            "labelled examples m (log scale)",
                            "test accuracy difference (mean, 95% bootstrap CI)",
                            data),
                    "gain: " + title)));
            html.append(Html.table(Comparison.labelledTable(rows)));
            html.append(crossovers(method, baseline, Comparison.curves(rows)));
        }
        return html.length() == 0
                ? "<p>No paired cells of another method and " + Html.escape(baseline) + ".</p>"
                : html.toString();
    }

    /**
     * The crossover budget {@code compare} estimates, per (task, protocol, variant): the label budget from which the
     * baseline has caught up, with its 95% bootstrap interval, and the words for the cases a number cannot say.
     */
    static String crossovers(String method, String baseline, List<Comparison.Curve> curves) {
        if (curves.isEmpty()) {
            return "";
        }
        Table table = new Table(List.of("task", "protocol", "variant", "budgets", "crossover budget", "95% interval"));
        for (Comparison.Curve c : curves) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", c.task());
            row.put("protocol", c.protocol());
            row.put("variant", c.variant());
            row.put("budgets", c.budgets().toString());
            row.put("crossover budget", c.readable(c.crossoverBudget()));
            row.put("95% interval", c.readableInterval());
            table.add(row);
        }
        return "<h3>Crossover budget: " + Html.escape(method) + " − " + Html.escape(baseline) + "</h3>"
                + "<p>The smallest label budget from which the mean difference is no longer above zero"
                + " (interpolated in log budget; <code>compare</code>'s label-efficiency table), with a bootstrap"
                + " interval over whole curves.</p>"
                + Html.table(table);
    }

    private static String bounds(List<StoredCell> cells) {
        List<BoundScores.Score> scores = BoundScores.compute(cells);
        List<BoundScores.Diagnostic> diagnostics = BoundScores.diagnostics(cells);
        String diagnosticsHtml = diagnostics.isEmpty()
                ? ""
                : "<p>Diagnostics: measurements of the cells, not bounds of" + " the gap, so not scored.</p>"
                        + Html.table(BoundScores.diagnosticsTable(diagnostics));
        if (scores.isEmpty()) {
            return "<p>No bound estimates.</p>" + diagnosticsHtml;
        }
        StringBuilder html = new StringBuilder("<p>Kendall's tau between estimate and measured gap over all cells;"
                + " granulated tau (Jiang et al. 2020): for each grid axis (tau_&lt;axis&gt;), the mean tau over"
                + " the groups"
                + " of cells that differ only in that axis, and their mean over axes.</p>");
        html.append(Html.table(BoundScores.table(scores)));
        for (BoundScores.Score score : scores) {
            XYSeries points = new XYSeries(score.estimator());
            for (StoredCell c : cells) {
                if (c.status() == CellStatus.SUCCEEDED && c.boundsOnly().containsKey(score.estimator())) {
                    points.add(
                            c.metrics().orElseThrow().generalizationGap(),
                            c.bounds().get(score.estimator()).value());
                }
            }
            String title = String.format(
                    java.util.Locale.ROOT,
                    "%s: Kendall's tau %.3f, granulated %.3f, holds in %.0f%% of %d cells",
                    score.estimator(),
                    score.kendallTau(),
                    score.granulatedTau(),
                    100 * score.holdsFraction(),
                    score.cells());
            html.append(Charts.img(
                    Charts.scatter(
                            title,
                            "measured generalization gap (train acc − test acc)",
                            "estimate",
                            new XYSeriesCollection(points)),
                    "bound vs gap: " + score.estimator()));
        }
        return html.append(diagnosticsHtml).toString();
    }

    /**
     * Each pre-training's loss curve, and each method variant's fine-tuning curve on its largest budget (first seed).
     */
    private static String trainingCurves(ResultStore store, List<StoredCell> cells) {
        XYSeriesCollection pretrain = new XYSeriesCollection();
        java.util.Set<String> encoders = new java.util.HashSet<>();
        Map<String, StoredCell> finetuneExamples = new TreeMap<>();
        Map<String, Map<String, String>> methods = MethodLabels.distinguishing(
                cells, c -> c.key().method(), c -> c.key().methodParams());
        Map<String, Map<String, String>> protocols = MethodLabels.distinguishing(
                cells, c -> c.key().protocol(), c -> c.key().protocolParams());
        for (StoredCell c : cells) {
            if (c.status() != CellStatus.SUCCEEDED) {
                continue;
            }
            Map<String, List<Double>> curves = store.curves(c.key().cellId());
            // One curve per pre-trained encoder, named by method and the encoder's checksum.
            String checksum = c.outcome().encoderChecksum();
            String encoder = c.key().method() + " " + checksum.substring(0, Math.min(8, checksum.length()));
            if (curves.containsKey("pretrain") && encoders.add(encoder)) {
                pretrain.addSeries(series(encoder, curves.get("pretrain")));
            }
            // Per method and protocol variant (autoencoder{noise=0.3} / fine-tune{head_epochs=10}), as the leaderboard
            // names
            // them, so two parameter sets of one method do not share a curve.
            var k = c.key();
            String key = MethodLabels.named(k.method(), methods.get(k.method()).get(k.methodParams())) + " / "
                    + MethodLabels.named(
                            k.protocol(), protocols.get(k.protocol()).get(k.protocolParams()));
            StoredCell current = finetuneExamples.get(key);
            if (curves.containsKey("finetune")
                    && (current == null || c.key().budget() > current.key().budget())) {
                finetuneExamples.put(key, c);
            }
        }
        StringBuilder html = new StringBuilder();
        if (pretrain.getSeriesCount() > 0) {
            html.append(Charts.img(Charts.lines("Pre-training loss", "step", "loss", pretrain), "pre-training loss"));
        }
        XYSeriesCollection finetune = new XYSeriesCollection();
        finetuneExamples.forEach((key, c) -> finetune.addSeries(series(
                key + " m=" + c.key().budget(), store.curves(c.key().cellId()).get("finetune"))));
        if (finetune.getSeriesCount() > 0) {
            html.append(Charts.img(
                    Charts.lines(
                            "Fine-tuning loss (largest budget, per method and protocol)", "step", "loss", finetune),
                    "fine-tuning loss"));
        }
        return html.length() == 0 ? "<p>No training curves stored.</p>" : html.toString();
    }

    private static XYSeries series(String name, List<Double> losses) {
        XYSeries s = new XYSeries(name, false, true);
        for (int i = 0; i < losses.size(); i++) {
            s.add(i + 1, losses.get(i));
        }
        return s;
    }

    private static String failures(List<StoredCell> cells) {
        Table table = new Table(List.of("cell", "run", "error"));
        cells.stream().filter(c -> c.status() == CellStatus.FAILED).forEach(c -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cell", c.key().label());
            row.put("run", c.runId());
            row.put("error", c.outcome().error());
            table.add(row);
        });
        return table.jsonRows().isEmpty() ? "<p>None.</p>" : Html.table(table);
    }

    private static String runs(List<RunInfo> runs) {
        StringBuilder html = new StringBuilder();
        for (RunInfo run : runs) {
            List<String> items = new ArrayList<>();
            items.add("grid: " + run.gridName() + " (hash " + run.gridHash() + "), started " + run.startedAt());
            new TreeMap<>(run.environment()).forEach((k, v) -> items.add(k + ": " + v));
            html.append("<h3>Run ")
                    .append(Html.escape(run.runId()))
                    .append("</h3>")
                    .append(Html.list(items));
        }
        return html.toString();
    }
}
