package io.pretrainbench.cli.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pretrainbench.api.study.Prediction;
import io.pretrainbench.engine.study.StudyResult;
import io.pretrainbench.engine.study.StudyRow;
import io.pretrainbench.engine.study.StudySpec;
import io.pretrainbench.engine.study.SweepRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Writes a study's results, whatever its case studies: {@code NAME.csv}, {@code NAME.json} (NAME the study's name; with
 * each case's plugin version, parameters and the terms of its prediction) and one PNG per case, and formats the table
 * for the terminal; the comparison in distribution and the sweeps are written by {@link DistributionOutput}. The plots
 * follow the report's style ({@code results/.../report/Charts}, package-private there: white background, light-grey
 * grid, log-scaled x, 720 x 400).
 */
public final class StudyOutput {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;
    static final String HEADER = "case,n,m,replicates,mean,ci_low,ci_high,predicted,ratio,paper_form,seconds";

    private StudyOutput() {}

    public static List<Path> write(StudySpec spec, StudyResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        List<StudyRow> rows = result.rows();
        Path csv = dir.resolve(spec.name() + ".csv");
        Files.writeString(csv, csv(rows), StandardCharsets.UTF_8);
        written.add(csv);
        Path json = dir.resolve(spec.name() + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), json(spec, result));
        written.add(json);
        if (rows.stream().anyMatch(r -> r.distribution() != null)) {
            Path distribution = dir.resolve(spec.name() + "-distribution.csv");
            Files.writeString(distribution, DistributionOutput.csv(rows), StandardCharsets.UTF_8);
            written.add(distribution);
            Path replicates = dir.resolve(spec.name() + "-replicates.csv");
            Files.writeString(replicates, DistributionOutput.replicatesCsv(rows), StandardCharsets.UTF_8);
            written.add(replicates);
        }
        if (!result.sweeps().isEmpty()) {
            Path sweeps = dir.resolve(spec.name() + "-sweep.csv");
            Files.writeString(sweeps, DistributionOutput.sweepCsv(result.sweeps()), StandardCharsets.UTF_8);
            written.add(sweeps);
        }
        for (StudySpec.CaseSpec c : spec.cases()) {
            if (c.sweep() != null) {
                Path png = dir.resolve(c.name() + "-sweep-" + c.sweep().parameter() + ".png");
                List<SweepRow> mine = result.sweeps().stream()
                        .filter(r -> r.caseName().equals(c.name())
                                && r.parameter().equals(c.sweep().parameter()))
                        .toList();
                ChartUtils.saveChartAsPNG(png.toFile(), DistributionOutput.sweepChart(c, mine), WIDTH, HEIGHT);
                written.add(png);
                continue;
            }
            List<StudyRow> mine =
                    rows.stream().filter(r -> r.caseName().equals(c.name())).toList();
            Path png = dir.resolve(c.name() + ".png");
            ChartUtils.saveChartAsPNG(png.toFile(), chart(c, mine), WIDTH, HEIGHT);
            written.add(png);
            if (c.labelNoise() == StudySpec.LabelNoise.AVERAGED) {
                written.addAll(DistributionOutput.charts(c, mine, dir, WIDTH, HEIGHT));
            }
        }
        return written;
    }

    static String csv(List<StudyRow> rows) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (StudyRow r : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "%s,%d,%d,%d,%.6g,%.6g,%.6g,%.6g,%.4f,%s,%.1f%n",
                    r.caseName(),
                    r.n(),
                    r.m(),
                    r.replicates(),
                    r.mean(),
                    r.ciLow(),
                    r.ciHigh(),
                    r.prediction().limit(),
                    r.ratio(),
                    Double.isNaN(r.prediction().paperForm())
                            ? ""
                            : String.format(Locale.ROOT, "%.6g", r.prediction().paperForm()),
                    r.seconds()));
        }
        return out.toString();
    }

    static Map<String, Object> json(StudySpec spec, StudyResult result) {
        List<StudyRow> rows = result.rows();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", spec.name());
        root.put("study_file", spec.file().toString());
        root.put("seed", spec.seed());
        List<Map<String, Object>> cases = new ArrayList<>();
        for (StudySpec.CaseSpec c : spec.cases()) {
            if (c.sweep() != null) {
                continue;
            }
            Prediction p = rows.stream()
                    .filter(r -> r.caseName().equals(c.name()))
                    .findFirst()
                    .map(StudyRow::prediction)
                    .orElseGet(() -> c.model().predict(c.alpha()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("case", c.name());
            entry.put("version", c.version());
            entry.put("params", c.params().asMap());
            entry.put("alpha", c.alpha());
            entry.put("label_noise", c.labelNoise().name().toLowerCase(Locale.ROOT));
            entry.put("sigma2", p.sigma2());
            entry.put("d_eff", p.dEff());
            entry.put("expected_L_squared", p.expectedLSquared());
            entry.put("predicted", p.limit());
            entry.put("paper_form", Double.isNaN(p.paperForm()) ? null : p.paperForm());
            List<Map<String, Object>> measured = new ArrayList<>();
            for (StudyRow r : rows) {
                if (r.caseName().equals(c.name())) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("n", r.n());
                    row.put("m", r.m());
                    row.put("replicates", r.replicates());
                    row.put("mean", r.mean());
                    row.put("ci_low", r.ciLow());
                    row.put("ci_high", r.ciHigh());
                    row.put("ratio", r.ratio());
                    row.put("seconds", r.seconds());
                    if (r.distribution() != null) {
                        row.put("ks_total", r.distribution().ksTotal());
                        row.put("ks_pretraining", r.distribution().ksPretraining());
                        row.put("variance_off_5pct", r.distribution().varianceOff());
                        row.put("mean_pretraining", r.distribution().meanPretraining());
                        row.put("mean_variance", r.distribution().meanVariance());
                    }
                    measured.add(row);
                }
            }
            entry.put("rows", measured);
            cases.add(entry);
        }
        root.put("cases", cases);
        List<Map<String, Object>> sweeps = new ArrayList<>();
        for (SweepRow r : result.sweeps()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", r.caseName());
            row.put(r.parameter(), r.value());
            row.put("expected_L_squared", r.prediction().expectedLSquared());
            row.put("predicted", r.prediction().limit());
            sweeps.add(row);
        }
        root.put("sweeps", sweeps);
        return root;
    }

    static JFreeChart chart(StudySpec.CaseSpec c, List<StudyRow> rows) {
        Prediction p =
                rows.isEmpty() ? c.model().predict(c.alpha()) : rows.get(0).prediction();
        YIntervalSeries measured = new YIntervalSeries("measured n(R - sigma^2), 95% CI");
        YIntervalSeries predicted = new YIntervalSeries(String.format(Locale.ROOT, "predicted limit %.4g", p.limit()));
        YIntervalSeries paper =
                new YIntervalSeries(String.format(Locale.ROOT, "paper's printed closed form %.4g", p.paperForm()));
        for (StudyRow r : rows) {
            measured.add(r.n(), r.mean(), r.ciLow(), r.ciHigh());
            predicted.add(r.n(), p.limit(), p.limit(), p.limit());
            if (!Double.isNaN(p.paperForm())) {
                paper.add(r.n(), p.paperForm(), p.paperForm(), p.paperForm());
            }
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(measured);
        data.addSeries(predicted);
        if (paper.getItemCount() > 0) {
            data.addSeries(paper);
        }
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesShapesVisible(2, false);
        renderer.setSeriesStroke(1, new BasicStroke(1.6f));
        renderer.setSeriesStroke(
                2, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        LogAxis xAxis = new LogAxis("downstream sample size n (m = " + c.alpha() + " n)");
        xAxis.setBase(2); // the sizes usually double from one row to the next; powers of 2 label them legibly
        xAxis.setNumberFormatOverride(new java.text.DecimalFormat("0"));
        xAxis.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1), false, true); // one tick per power of 2
        NumberAxis yAxis = new NumberAxis("n (R - sigma^2)");
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(
                c.name() + ": measured against the asymptotic prediction", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The table as aligned text for the terminal. */
    public static String table(List<StudyRow> rows) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-21s %7s %8s %6s %24s %10s %7s %10s%n",
                "case",
                "n",
                "m",
                "reps",
                "n(R-sigma^2) [95% CI]",
                "predicted",
                "ratio",
                "paper_form"));
        for (StudyRow r : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-21s %7d %8d %6d %8.4g [%6.4g, %6.4g] %10.4g %7.3f %10s%n",
                    r.caseName(),
                    r.n(),
                    r.m(),
                    r.replicates(),
                    r.mean(),
                    r.ciLow(),
                    r.ciHigh(),
                    r.prediction().limit(),
                    r.ratio(),
                    Double.isNaN(r.prediction().paperForm())
                            ? "-"
                            : String.format(Locale.ROOT, "%.4g", r.prediction().paperForm())));
        }
        return out.toString();
    }
}
