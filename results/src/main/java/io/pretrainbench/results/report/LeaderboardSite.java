package io.pretrainbench.results.report;

import io.pretrainbench.results.bundle.Bundle;
import io.pretrainbench.results.bundle.BundleSignature;
import io.pretrainbench.results.bundle.Verification;
import io.pretrainbench.results.leaderboard.Leaderboard;
import io.pretrainbench.results.leaderboard.LeaderboardFilter;
import io.pretrainbench.results.leaderboard.LeaderboardRow;
import io.pretrainbench.results.leaderboard.MethodLabels;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.RunInfo;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A static, offline leaderboard site built from several submission bundles: {@code index.html} (the submissions, and
 * every task × budget × protocol combination), one page per combination (each submission's methods with mean test
 * accuracy ± 95% interval over seeds, seeds, signer and verification status, and the accuracy-versus-budget plot of
 * that task and protocol) and one page per submission (signer, verification, plot, plugin versions and parameters,
 * failed cells, every run's environment and grid text). Numbers are {@link Leaderboard}'s, computed per submission;
 * plots are the report's ({@link Charts}), PNG data URIs, so the folder opens without a network.
 */
public final class LeaderboardSite {
    private static final String STYLE = "body{font-family:sans-serif;margin:2em;max-width:1100px}"
            + "table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;padding:3px 6px}"
            + "th{background:#f0f0f0}img.plot{display:block;margin:1em 0;border:1px solid #ddd}h2{margin-top:2em}"
            + "pre{background:#f7f7f7;padding:1em;overflow-x:auto}.diverged{color:#b00}.reproduced{color:#070}";

    /**
     * One bundle on the site.
     *
     * @param name how the site calls it (the bundle's file name without {@code .json})
     * @param verification what {@code verify --record} found for this content, if it ran
     */
    public record Submission(String name, Bundle.Contents contents, Optional<Verification> verification) {
        String page() {
            return "submission-" + slug(name) + ".html";
        }

        String signer() {
            return contents.signature()
                    .map(BundleSignature::fingerprint)
                    .map(f -> "signed by " + f)
                    .orElse("unsigned");
        }

        String verificationStatus() {
            return verification
                    .map(v -> v.count(Verification.Verdict.DIVERGED) > 0
                            ? "DIVERGED: " + v.count(Verification.Verdict.DIVERGED) + " of "
                                    + v.cells().size() + " re-run cells"
                            : v.count(Verification.Verdict.REPRODUCED) + " of "
                                    + v.cells().size() + " re-run cells reproduced")
                    .orElse("not verified");
        }
    }

    /** One submission's cells and leaderboard rows, read through a store like any other results. */
    private record Loaded(
            Submission submission, List<StoredCell> cells, List<LeaderboardRow> rows, MethodLabels methods) {}

    /** A table of the site: one task variant, budget and protocol variant. */
    private record Combination(String task, String taskParams, int budget, String protocol, String protocolParams)
            implements Comparable<Combination> {
        static Combination of(LeaderboardRow r) {
            return new Combination(r.task(), r.taskParams(), r.budget(), r.protocol(), r.protocolParams());
        }

        @Override
        public int compareTo(Combination o) {
            return Comparator.comparing(Combination::task)
                    .thenComparing(Combination::taskParams)
                    .thenComparing(Combination::protocol)
                    .thenComparing(Combination::protocolParams)
                    .thenComparingInt(Combination::budget)
                    .compare(this, o);
        }
    }

    private LeaderboardSite() {}

    /** Writes the site into {@code folder}; returns the pages written. */
    public static List<Path> write(List<Submission> submissions, Path folder) throws IOException {
        Files.createDirectories(folder);
        List<Loaded> loaded = new ArrayList<>();
        Path scratch = Files.createTempDirectory("pretrainbench-site");
        try {
            for (Submission s : submissions) {
                try (SqliteResultStore store = SqliteResultStore.open(scratch.resolve(slug(s.name()) + ".db"))) {
                    store.merge(s.contents().runs(), s.contents().cells());
                    List<StoredCell> cells = store.cells();
                    List<LeaderboardRow> rows = Leaderboard.compute(cells, LeaderboardFilter.ALL);
                    loaded.add(new Loaded(s, cells, rows, new MethodLabels(rows)));
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        List<LeaderboardRow> allRows =
                loaded.stream().flatMap(l -> l.rows().stream()).toList();
        Map<String, Map<String, String>> tasks =
                MethodLabels.distinguishing(allRows, LeaderboardRow::task, LeaderboardRow::taskParams);
        Map<String, Map<String, String>> protocols =
                MethodLabels.distinguishing(allRows, LeaderboardRow::protocol, LeaderboardRow::protocolParams);
        TreeMap<Combination, String> pages = new TreeMap<>();
        allRows.stream()
                .map(Combination::of)
                .distinct()
                .sorted()
                .forEach(c -> pages.put(c, "table-" + (pages.size() + 1) + ".html"));
        Labels labels = new Labels(tasks, protocols);

        List<Path> written = new ArrayList<>();
        written.add(page(folder, "index.html", "PretrainBench leaderboard", index(loaded, pages, labels)));
        for (Map.Entry<Combination, String> e : pages.entrySet()) {
            written.add(page(folder, e.getValue(), labels.title(e.getKey()), combination(e.getKey(), loaded, labels)));
        }
        for (Loaded l : loaded) {
            written.add(page(
                    folder,
                    l.submission().page(),
                    "Submission " + l.submission().name(),
                    submission(l, labels)));
        }
        return written;
    }

    /** Task and protocol variants named by the settings that tell them apart across all submissions. */
    private record Labels(Map<String, Map<String, String>> tasks, Map<String, Map<String, String>> protocols) {
        String task(String task, String params) {
            return MethodLabels.named(task, tasks.get(task).get(params));
        }

        String protocol(String protocol, String params) {
            return MethodLabels.named(protocol, protocols.get(protocol).get(params));
        }

        String title(Combination c) {
            return task(c.task(), c.taskParams()) + " — m=" + c.budget() + " — "
                    + protocol(c.protocol(), c.protocolParams());
        }
    }

    private static String index(List<Loaded> loaded, TreeMap<Combination, String> pages, Labels labels) {
        StringBuilder html = new StringBuilder();
        html.append("<p>")
                .append(loaded.size())
                .append(" submissions, built ")
                .append(Instant.now())
                .append("</p>");
        html.append("<h2>Submissions</h2>");
        List<List<String>> rows = new ArrayList<>();
        for (Loaded l : loaded) {
            long failed = l.cells().stream()
                    .filter(c -> c.status() == CellStatus.FAILED)
                    .count();
            rows.add(List.of(
                    Html.link(l.submission().page(), l.submission().name()),
                    Integer.toString(l.cells().size()),
                    Long.toString(failed),
                    Html.escape(l.submission().signer()),
                    Html.escape(l.submission().verificationStatus())));
        }
        html.append(Html.htmlTable(List.of("submission", "cells", "failed", "signer", "verification"), rows));
        html.append("<h2>Tables: task × budget × protocol</h2>");
        Map<String, Map<Integer, Map<String, String>>> byTask = new TreeMap<>();
        TreeMap<String, TreeSet<String>> protocolsOfTask = new TreeMap<>();
        pages.forEach((c, page) -> {
            String task = labels.task(c.task(), c.taskParams());
            String protocol = labels.protocol(c.protocol(), c.protocolParams());
            byTask.computeIfAbsent(task, t -> new TreeMap<>())
                    .computeIfAbsent(c.budget(), b -> new TreeMap<>())
                    .put(protocol, Html.link(page, "table"));
            protocolsOfTask.computeIfAbsent(task, t -> new TreeSet<>()).add(protocol);
        });
        byTask.forEach((task, byBudget) -> {
            List<String> columns = new ArrayList<>(List.of("budget m"));
            columns.addAll(protocolsOfTask.get(task));
            List<List<String>> matrix = new ArrayList<>();
            byBudget.forEach((budget, links) -> {
                List<String> row = new ArrayList<>(List.of(Integer.toString(budget)));
                protocolsOfTask.get(task).forEach(p -> row.add(links.getOrDefault(p, "")));
                matrix.add(row);
            });
            html.append("<h3>").append(Html.escape(task)).append("</h3>").append(Html.htmlTable(columns, matrix));
        });
        return html.toString();
    }

    private static String combination(Combination c, List<Loaded> loaded, Labels labels) {
        record Entry(Loaded from, LeaderboardRow row) {}
        List<Entry> entries = new ArrayList<>();
        loaded.forEach(l ->
                l.rows().stream().filter(r -> Combination.of(r).equals(c)).forEach(r -> entries.add(new Entry(l, r))));
        // Across submissions there is no paired design to rank by: best mean first, the intervals tell what is
        // resolved.
        entries.sort(
                Comparator.comparingDouble((Entry e) -> Double.isNaN(e.row().meanTestAccuracy())
                                ? Double.NEGATIVE_INFINITY
                                : e.row().meanTestAccuracy())
                        .reversed());
        List<List<String>> rows = new ArrayList<>();
        for (Entry e : entries) {
            LeaderboardRow r = e.row();
            Submission s = e.from().submission();
            rows.add(List.of(
                    Html.link(s.page(), s.name()),
                    Html.escape(e.from().methods().label(r)),
                    Html.escape(r.corpus()),
                    Integer.toString(r.seeds()),
                    meanAndInterval(r),
                    Html.escape(s.signer()),
                    Html.escape(s.verificationStatus())));
        }
        StringBuilder html = new StringBuilder("<p>")
                .append(Html.link("index.html", "all tables"))
                .append("</p>");
        html.append(Html.htmlTable(
                List.of(
                        "submission",
                        "method",
                        "corpus",
                        "seeds",
                        "test accuracy (mean ± 95% CI)",
                        "signer",
                        "verification"),
                rows));
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Loaded l : loaded) {
            Map<String, YIntervalSeries> series = new LinkedHashMap<>();
            l.rows().stream()
                    .filter(r -> r.task().equals(c.task())
                            && r.taskParams().equals(c.taskParams())
                            && r.protocol().equals(c.protocol())
                            && r.protocolParams().equals(c.protocolParams()))
                    .forEach(r -> add(
                            series.computeIfAbsent(
                                    l.submission().name() + ": " + l.methods().label(r), YIntervalSeries::new),
                            r));
            series.values().forEach(data::addSeries);
        }
        String title =
                labels.task(c.task(), c.taskParams()) + " — " + labels.protocol(c.protocol(), c.protocolParams());
        html.append(Charts.img(
                Charts.intervals(title, "labelled examples m (log scale)", "test accuracy (mean, 95% CI)", data),
                "accuracy vs budget: " + title));
        return html.toString();
    }

    private static String submission(Loaded l, Labels labels) {
        Submission s = l.submission();
        StringBuilder html = new StringBuilder("<p>")
                .append(Html.link("index.html", "all tables"))
                .append("</p>");
        html.append(Html.list(List.of(
                "content sha256 " + s.contents().contentHash(),
                s.signer(),
                "verification: " + s.verificationStatus())));
        s.verification().ifPresent(v -> {
            html.append("<h2>Verification</h2><p>Re-run on ")
                    .append(Html.escape(v.platform()))
                    .append(", ")
                    .append(v.verifiedAt())
                    .append("</p>");
            List<List<String>> rows = new ArrayList<>();
            v.cells()
                    .forEach(c -> rows.add(List.of(
                            Html.escape(c.cellId()),
                            Html.escape(c.label()),
                            "<span class=\"" + c.verdict().name().toLowerCase(Locale.ROOT) + "\">"
                                    + Html.escape(c.verdict().label()) + "</span>",
                            Html.escape(c.detail()))));
            html.append(Html.htmlTable(List.of("cell", "label", "verdict", "detail"), rows));
        });
        html.append("<h2>Accuracy versus label budget</h2>");
        Map<String, Map<String, YIntervalSeries>> charts = new TreeMap<>();
        l.rows()
                .forEach(r -> add(
                        charts.computeIfAbsent(
                                        labels.task(r.task(), r.taskParams()) + " — "
                                                + labels.protocol(r.protocol(), r.protocolParams()),
                                        k -> new LinkedHashMap<>())
                                .computeIfAbsent(l.methods().label(r), YIntervalSeries::new),
                        r));
        charts.forEach((title, series) -> {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            series.values().forEach(data::addSeries);
            html.append(Charts.img(
                    Charts.intervals(title, "labelled examples m (log scale)", "test accuracy (mean, 95% CI)", data),
                    "accuracy vs budget: " + title));
        });
        if (charts.isEmpty()) {
            html.append("<p>No succeeded cells.</p>");
        }
        html.append("<h2>Plugins</h2>");
        Map<String, TreeSet<String>> versions = new TreeMap<>();
        l.cells().forEach(c -> c.key().pluginVersions().forEach((plugin, version) -> versions.computeIfAbsent(
                        plugin, p -> new TreeSet<>())
                .add(version)));
        List<List<String>> pluginRows = new ArrayList<>();
        versions.forEach(
                (plugin, v) -> pluginRows.add(List.of(Html.escape(plugin), Html.escape(String.join(", ", v)))));
        html.append(Html.htmlTable(List.of("plugin", "version"), pluginRows));
        html.append("<h2>Parameters</h2>");
        TreeSet<List<String>> parameters = new TreeSet<>(Comparator.comparing(Object::toString));
        l.cells().forEach(c -> {
            var k = c.key();
            parameters.add(List.of("method:" + k.method(), k.methodParams()));
            parameters.add(List.of("corpus:" + k.corpus(), k.corpusParams()));
            parameters.add(List.of("task:" + k.task(), k.taskParams()));
            parameters.add(List.of("protocol:" + k.protocol(), k.protocolParams()));
            k.estimators()
                    .forEach(
                            (name, versionAndParams) -> parameters.add(List.of("estimator:" + name, versionAndParams)));
        });
        html.append(Html.htmlTable(
                List.of("plugin", "parameters"),
                parameters.stream()
                        .map(p -> p.stream().map(Html::escape).toList())
                        .toList()));
        html.append("<h2>Failed cells</h2>");
        List<List<String>> failed = new ArrayList<>();
        l.cells().stream()
                .filter(c -> c.status() == CellStatus.FAILED)
                .forEach(c -> failed.add(List.of(
                        Html.escape(c.key().cellId()),
                        Html.escape(c.key().label()),
                        Html.escape(c.outcome().error()))));
        html.append(failed.isEmpty() ? "<p>None.</p>" : Html.htmlTable(List.of("cell", "label", "error"), failed));
        html.append("<h2>Runs</h2>");
        for (RunInfo run : s.contents().runs()) {
            List<String> items = new ArrayList<>();
            items.add("grid: " + run.gridName() + " (hash " + run.gridHash() + "), started " + run.startedAt());
            new TreeMap<>(run.environment()).forEach((k, v) -> items.add(k + ": " + v));
            html.append("<h3>Run ")
                    .append(Html.escape(run.runId()))
                    .append("</h3>")
                    .append(Html.list(items))
                    .append("<pre>")
                    .append(Html.escape(run.gridSource()))
                    .append("</pre>");
        }
        return html.toString();
    }

    private static void add(YIntervalSeries series, LeaderboardRow r) {
        double low = Double.isNaN(r.ciLow()) ? r.meanTestAccuracy() : r.ciLow();
        double high = Double.isNaN(r.ciHigh()) ? r.meanTestAccuracy() : r.ciHigh();
        series.add(r.budget(), r.meanTestAccuracy(), low, high);
    }

    private static String meanAndInterval(LeaderboardRow r) {
        if (Double.isNaN(r.ciLow())) {
            return String.format(Locale.ROOT, "%.4f (n/a: %d seed)", r.meanTestAccuracy(), r.seeds());
        }
        return String.format(
                Locale.ROOT,
                "%.4f ± %.4f [%.4f, %.4f]",
                r.meanTestAccuracy(),
                (r.ciHigh() - r.ciLow()) / 2,
                r.ciLow(),
                r.ciHigh());
    }

    private static Path page(Path folder, String file, String title, String body) throws IOException {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title><style>" + STYLE + "</style></head><body>\n<h1>" + Html.escape(title) + "</h1>\n" + body
                + "\n</body></html>\n";
        return Files.writeString(folder.resolve(file), html);
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
    }
}
