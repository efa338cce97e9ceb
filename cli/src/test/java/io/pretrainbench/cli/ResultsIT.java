package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.inference.TTest;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the results commands show, end to end on one real grid (2 methods × 2 budgets × 3 seeds on Fashion-MNIST, a few
 * seconds): the statistics of {@code leaderboard} and {@code compare} recomputed independently from {@code export}'s
 * raw rows, the report rendered in headless Chromium, and the TensorBoard and Parquet exports.
 */
class ResultsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String GRID = CliIT.SMALL_GRID
            .replace("name: small", "name: results")
            .replace("budgets: [50]", "budgets: [20, 50]")
            .replace("seeds: [0, 1]", "seeds: [0, 1, 2]");
    private static final String TASK = "fmnist-10class";
    private static final String PROTOCOL = "linear-probe";
    private static final double EXACT = 1e-12;

    @TempDir
    static Path work;

    static Path store;
    /** method → budget → seed → exported cell. */
    static Map<String, Map<Integer, Map<Long, JsonNode>>> exported = new TreeMap<>();

    @BeforeAll
    static void runGrid() throws Exception {
        assertThat(GRID).contains("budgets: [20, 50]").contains("seeds: [0, 1, 2]");
        Files.writeString(work.resolve("results.yaml"), GRID);
        store = work.resolve("results.db");
        Cli.Outcome run = Cli.run(work, "run", "results.yaml", "--results", store.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode cells = JSON.readTree(cli("export", "--format", "json"));
        assertThat(cells).hasSize(12);
        for (JsonNode c : cells) {
            assertThat(c.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(c.get("task").asText()).isEqualTo(TASK);
            assertThat(c.get("protocol").asText()).isEqualTo(PROTOCOL);
            exported.computeIfAbsent(c.get("method").asText(), m -> new TreeMap<>())
                    .computeIfAbsent(c.get("budget").asInt(), b -> new TreeMap<>())
                    .put(c.get("seed").asLong(), c);
        }
    }

    private static String cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--results", store.toString()));
        Cli.Outcome outcome = Cli.run(work, all.toArray(String[]::new));
        assertThat(outcome.exitCode())
                .as(String.join(" ", args) + ": " + outcome.err())
                .isZero();
        return outcome.out();
    }

    private static double[] accuracies(String method, int budget) {
        return exported.get(method).get(budget).values().stream()
                .mapToDouble(c -> c.get("test_accuracy").asDouble())
                .toArray();
    }

    /** A number of the CLI's JSON against the test's value; NaN (undefined) must be written as null. */
    private static void assertNumber(JsonNode node, double expected, String what) {
        if (Double.isNaN(expected)) {
            assertThat(node.isNull()).as(what + " is undefined, so null").isTrue();
        } else {
            assertThat(node.asDouble()).as(what).isCloseTo(expected, within(EXACT));
        }
    }

    @Test
    void leaderboardMeansAndIntervalsMatchStudentTFromTheExportedRows() throws Exception {
        JsonNode board = JSON.readTree(cli("leaderboard", "--format", "json"));
        assertThat(board.get("rows")).hasSize(4); // 2 methods × 2 budgets
        for (JsonNode row : board.get("rows")) {
            String what = row.get("method").asText() + " m=" + row.get("budget").asInt();
            DescriptiveStatistics stats = new DescriptiveStatistics(
                    accuracies(row.get("method").asText(), row.get("budget").asInt()));
            long n = stats.getN();
            double half = new TDistribution(n - 1).inverseCumulativeProbability(0.975)
                    * stats.getStandardDeviation()
                    / Math.sqrt(n);
            assertThat(row.get("seeds").asInt()).as(what).isEqualTo(3);
            assertNumber(row.get("mean"), stats.getMean(), what + " mean");
            assertNumber(row.get("test_accuracy"), stats.getMean(), what + " test_accuracy");
            // the leaderboard clips the t-interval to what an accuracy can be, [0, 1]
            assertNumber(row.get("ci_low"), Math.max(0, stats.getMean() - half), what + " ci_low");
            assertNumber(row.get("ci_high"), Math.min(1, stats.getMean() + half), what + " ci_high");
        }
    }

    @Test
    void compareDifferencesIntervalsAndPValuesMatchAnIndependentComputationFromTheExportedRows() throws Exception {
        JsonNode doc =
                JSON.readTree(cli("compare", "--method", "autoencoder", "--baseline", "scratch", "--format", "json"));
        JsonNode rows = doc.get("comparisons");
        assertThat(rows).hasSize(2);
        Map<Integer, Double> meanMethod = new TreeMap<>();
        Map<Integer, Double> meanBaseline = new TreeMap<>();
        for (JsonNode row : rows) {
            int budget = row.get("budget").asInt();
            String what = "m=" + budget;
            // Pairs by seed: the exported rows are keyed by seed, so index i is the same seed on both sides.
            assertThat(exported.get("autoencoder").get(budget).keySet())
                    .isEqualTo(exported.get("scratch").get(budget).keySet());
            double[] a = accuracies("autoencoder", budget);
            double[] b = accuracies("scratch", budget);
            double[] diff = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                diff[i] = a[i] - b[i];
            }
            boolean constant = Arrays.stream(diff).distinct().count() == 1;
            boolean allZero = Arrays.stream(diff).allMatch(d -> d == 0);
            assertThat(row.get("pairs").asInt()).isEqualTo(3);
            assertNumber(row.get("method_accuracy"), new DescriptiveStatistics(a).getMean(), what + " method mean");
            assertNumber(row.get("baseline_accuracy"), new DescriptiveStatistics(b).getMean(), what + " baseline mean");
            assertNumber(row.get("difference"), new DescriptiveStatistics(diff).getMean(), what + " difference");
            assertNumber(
                    row.get("p_t_test"), constant ? Double.NaN : new TTest().pairedTTest(a, b), what + " paired t p");
            // Exact for 3 pairs; Commons Math's doubled one-sided p can pass 1, and a probability cannot.
            assertNumber(
                    row.get("p_wilcoxon"),
                    allZero ? Double.NaN : Math.min(1, new WilcoxonSignedRankTest().wilcoxonSignedRankTest(a, b, true)),
                    what + " exact Wilcoxon p");
            assertNumber(
                    row.get("win_rate"), Arrays.stream(diff).filter(d -> d > 0).count() / 3.0, what + " win rate");
            // The documented bootstrap: 10 000 resamples of the pairs with java.util.Random(42), 2.5% and 97.5%
            // percentiles.
            double[] ci = percentileBootstrap(diff, 10_000, new Random(42));
            assertNumber(row.get("ci_low"), ci[0], what + " bootstrap low");
            assertNumber(row.get("ci_high"), ci[1], what + " bootstrap high");
            assertThat(row.get("ci_low").asDouble())
                    .isLessThanOrEqualTo(row.get("difference").asDouble())
                    .isGreaterThanOrEqualTo(
                            Arrays.stream(diff).min().orElseThrow() - EXACT); // a resample of the smallest
            meanMethod.put(budget, new DescriptiveStatistics(a).getMean());
            meanBaseline.put(budget, new DescriptiveStatistics(b).getMean());
        }
        // Two budgets: the area under mean accuracy against log10 m, over the log-range, is the mean of the two ends.
        JsonNode curve = doc.get("label_efficiency").get(0);
        assertNumber(curve.get("aulc_method"), (meanMethod.get(20) + meanMethod.get(50)) / 2, "AULC method");
        assertNumber(curve.get("aulc_baseline"), (meanBaseline.get(20) + meanBaseline.get(50)) / 2, "AULC baseline");
    }

    private static double[] percentileBootstrap(double[] values, int resamples, Random random) {
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[random.nextInt(values.length)];
            }
            means[r] = sum / values.length;
        }
        Arrays.sort(means);
        return new double[] {means[(int) (0.025 * resamples)], means[(int) (0.975 * resamples) - 1]};
    }

    @Test
    void kendallTauOfTheBoundIsInLeaderboardAndCompareJsonAndMatchesTheExportedRows() throws Exception {
        List<double[]> pairs = new ArrayList<>();
        exported.values().forEach(byBudget -> byBudget.values().forEach(bySeed -> bySeed.values()
                .forEach(c -> pairs.add(new double[] {
                    c.get("bounds").get("rademacher-linear").get("value").asDouble(),
                    c.get("generalization_gap").asDouble()
                }))));
        double tau = new KendallsCorrelation()
                .correlation(
                        pairs.stream().mapToDouble(p -> p[0]).toArray(),
                        pairs.stream().mapToDouble(p -> p[1]).toArray());
        double holds = pairs.stream().filter(p -> p[0] >= p[1]).count() / (double) pairs.size();

        JsonNode fromLeaderboard =
                JSON.readTree(cli("leaderboard", "--format", "json")).get("bounds");
        JsonNode fromCompare = JSON.readTree(cli("compare", "--method", "autoencoder", "--format", "json"))
                .get("bounds");
        assertThat(fromCompare).isEqualTo(fromLeaderboard);
        assertThat(fromLeaderboard).hasSize(1);
        JsonNode score = fromLeaderboard.get(0);
        assertThat(score.get("estimator").asText()).isEqualTo("rademacher-linear");
        assertThat(score.get("cells").asInt()).isEqualTo(12);
        assertNumber(score.get("kendall_tau"), tau, "Kendall's tau");
        assertNumber(score.get("holds_fraction"), holds, "holding fraction");
        // Method, budget and seed vary in this grid: each has its granulated tau, and Psi is their mean.
        double mean = 0;
        for (String axis : List.of("tau_method", "tau_budget", "tau_seed")) {
            assertThat(score.has(axis)).as(axis).isTrue();
            mean += score.get(axis).asDouble() / 3;
        }
        assertNumber(score.get("granulated_tau"), mean, "granulated tau");
        assertThat(cli("bounds"))
                .contains("rademacher-linear")
                .contains("granulated_tau")
                .contains("tau_budget");
    }

    @Test
    void theReportRendersInHeadlessChromiumWithoutErrorsAndItsScreenshotShowsThePlotsAndTables() throws Exception {
        assertThat(Files.isExecutable(HeadlessChromium.BINARY))
                .as("Debian's chromium is missing (%s): run bin/setup, which installs it", HeadlessChromium.BINARY)
                .isTrue();
        Path report = work.resolve("report.html");
        assertThat(cli("report", "--out", report.toString())).contains("report written to");

        byte[] png;
        JsonNode plots;
        JsonNode tables;
        JsonNode page;
        try (HeadlessChromium chromium = HeadlessChromium.start(1200, 900)) {
            chromium.open(report);
            plots = chromium.evaluate("[...document.querySelectorAll('img.plot')].map(i => { const r ="
                    + " i.getBoundingClientRect(); return {alt: i.alt, x: r.left + scrollX, y: r.top + scrollY, w:"
                    + " r.width,"
                    + " h: r.height, natural: [i.naturalWidth, i.naturalHeight], complete: i.complete}; })");
            tables = chromium.evaluate("[...document.querySelectorAll('table')].map(t => { const r ="
                    + " t.getBoundingClientRect(); return {x: r.left + scrollX, y: r.top + scrollY, w: r.width, h:"
                    + " r.height,"
                    + " text: t.innerText}; })");
            page = chromium.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
            png = chromium.fullPageScreenshot();
            assertThat(chromium.errors())
                    .as("console errors, exceptions, error log entries")
                    .isEmpty();
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/report-screenshot.png"), png); // kept for a look after the build

        // Accuracy vs budget, the gain over scratch, the bound-vs-gap scatter, pre-training and fine-tuning losses.
        List<String> alts = new ArrayList<>();
        plots.forEach(p -> alts.add(p.get("alt").asText()));
        assertThat(alts)
                .anyMatch(a -> a.startsWith("accuracy vs budget"))
                .anyMatch(a -> a.startsWith("gain"))
                .anyMatch(a -> a.startsWith("bound vs gap"))
                .contains("pre-training loss", "fine-tuning loss");
        for (JsonNode p : plots) {
            assertThat(p.get("complete").asBoolean()).as(p.get("alt").asText()).isTrue();
            assertThat(p.get("natural"))
                    .as("decoded size of %s", p.get("alt").asText())
                    .isEqualTo(JSON.readTree("[720, 400]"));
        }
        assertThat(tables.get(0).get("text").asText())
                .as("leaderboard")
                .contains("autoencoder")
                .contains("scratch");
        assertThat(tables.toString()).contains("rademacher-linear").contains("granulated_tau");

        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(shot).as("the screenshot decodes as PNG").isNotNull();
        assertThat(shot.getWidth()).isEqualTo(page.get(0).asInt());
        assertThat(shot.getHeight())
                .isEqualTo(page.get(1).asInt())
                .isGreaterThan(5 * 400); // the whole page, not the window
        for (JsonNode p : plots) {
            Region r = region(shot, p);
            assertThat(r.colours())
                    .as("distinct colours in %s", p.get("alt").asText())
                    .isGreaterThan(30);
            assertThat(r.inked())
                    .as("share of non-white pixels in %s", p.get("alt").asText())
                    .isBetween(0.02, 0.9);
        }
        Region leaderboard = region(shot, tables.get(0));
        assertThat(leaderboard.inked()).as("text in the leaderboard table").isGreaterThan(0.03);
    }

    record Region(int colours, double inked) {}

    private static Region region(BufferedImage image, JsonNode rect) {
        int x0 = (int) Math.round(rect.get("x").asDouble());
        int y0 = (int) Math.round(rect.get("y").asDouble());
        int x1 = Math.min(image.getWidth(), x0 + (int) rect.get("w").asDouble());
        int y1 = Math.min(image.getHeight(), y0 + (int) rect.get("h").asDouble());
        Set<Integer> colours = new HashSet<>();
        long inked = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                int r = rgb >> 16;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                inked += r + g + b < 3 * 235 ? 1 : 0;
            }
        }
        return new Region(colours.size(), inked / (double) ((long) (x1 - x0) * (y1 - y0)));
    }

    @Test
    void tensorboardWritesOneRunPerCellAndParquetHoldsTheExportedRows() throws Exception {
        Path tb = work.resolve("tb");
        assertThat(cli("tensorboard", "--out", tb.toString())).startsWith("12 runs, ");
        try (Stream<Path> files = Files.walk(tb)) {
            List<Path> events = files.filter(f -> f.getFileName().toString().startsWith("events.out.tfevents."))
                    .toList();
            assertThat(events).hasSize(12);
            assertThat(events).anyMatch(e -> tb.relativize(e)
                    .toString()
                    .startsWith("autoencoder/" + TASK + "/m=20/" + PROTOCOL + "/seed=2/"));
        }

        Path parquet = work.resolve("cells.parquet");
        cli("export", "--format", "parquet", "--out", parquet.toString());
        double meanAccuracy = exported.values().stream()
                .flatMap(b -> b.values().stream())
                .flatMap(s -> s.values().stream())
                .mapToDouble(c -> c.get("test_accuracy").asDouble())
                .average()
                .orElseThrow();
        try (var duck = DriverManager.getConnection("jdbc:duckdb:");
                ResultSet rs = duck.createStatement()
                        .executeQuery("SELECT count(*), avg(test_accuracy), count(DISTINCT"
                                + " cell_id) FROM read_parquet('" + parquet + "') WHERE status = 'SUCCEEDED'")) {
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(12);
            assertThat(rs.getDouble(2)).isCloseTo(meanAccuracy, within(1e-12));
            assertThat(rs.getLong(3)).isEqualTo(12);
        }
    }
}
