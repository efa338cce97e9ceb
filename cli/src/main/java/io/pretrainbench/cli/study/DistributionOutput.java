package io.pretrainbench.cli.study;

import io.pretrainbench.api.study.Prediction;
import io.pretrainbench.engine.study.Distribution;
import io.pretrainbench.engine.study.LimitLaw;
import io.pretrainbench.engine.study.StudyRow;
import io.pretrainbench.engine.study.StudySpec;
import io.pretrainbench.engine.study.SweepRow;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The comparison in distribution of a study ({@code label_noise: averaged} entries, the paper's Figures 3-4) and its
 * sweeps (Figure 2): CSV tables, the terminal tables, and the plots, in {@link StudyOutput}'s style.
 */
public final class DistributionOutput {
    static final String HEADER = "case,n,replicates,ks_total,ks_pretraining,variance_off_5pct,mean_total,"
            + "mean_pretraining,mean_variance,law_mean_total,law_mean_pretraining";
    /** Points per empirical CDF of the limit law in a plot (its 10^5 draws thinned to quantiles). */
    private static final int LAW_POINTS = 400;

    private DistributionOutput() {}

    static String csv(List<StudyRow> rows) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (StudyRow r : rows) {
            Distribution d = r.distribution();
            if (d == null) {
                continue;
            }
            out.append(String.format(
                    Locale.ROOT,
                    "%s,%d,%d,%.4f,%.4f,%.4f,%.6g,%.6g,%.6g,%.6g,%.6g%n",
                    r.caseName(),
                    r.n(),
                    r.replicates(),
                    d.ksTotal(),
                    d.ksPretraining(),
                    d.varianceOff(),
                    r.mean(),
                    d.meanPretraining(),
                    d.meanVariance(),
                    mean(d.law().total()),
                    mean(d.law().pretraining())));
        }
        return out.toString();
    }

    /** Every replicate's n (R - sigma^2) and its two parts, so the CDFs and distances can be recomputed. */
    static String replicatesCsv(List<StudyRow> rows) {
        StringBuilder out = new StringBuilder("case,n,replicate,total,pretraining,variance\n");
        for (StudyRow r : rows) {
            Distribution d = r.distribution();
            if (d == null) {
                continue;
            }
            for (int i = 0; i < d.total().length; i++) {
                out.append(String.format(
                        Locale.ROOT,
                        "%s,%d,%d,%.8g,%.8g,%.8g%n",
                        r.caseName(),
                        r.n(),
                        i,
                        d.total()[i],
                        d.pretraining()[i],
                        d.variance()[i]));
            }
        }
        return out.toString();
    }

    static String sweepCsv(List<SweepRow> sweeps) {
        StringBuilder out = new StringBuilder("case,parameter,value,sigma2,d_eff,expected_L_squared,predicted\n");
        for (SweepRow r : sweeps) {
            Prediction p = r.prediction();
            out.append(String.format(
                    Locale.ROOT,
                    "%s,%s,%s,%.6g,%d,%.6g,%.6g%n",
                    r.caseName(),
                    r.parameter(),
                    new DecimalFormat("0.######").format(r.value()),
                    p.sigma2(),
                    p.dEff(),
                    p.expectedLSquared(),
                    p.limit()));
        }
        return out.toString();
    }

    /** The terminal table of the distances, one line per averaged entry and n. */
    public static String table(List<StudyRow> rows) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "%-21s %7s %6s %9s %14s %18s%n",
                "case",
                "n",
                "reps",
                "KS total",
                "KS pre-train",
                "P(var off > 5%)"));
        for (StudyRow r : rows) {
            Distribution d = r.distribution();
            if (d != null) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-21s %7d %6d %9.4f %14.4f %18.4f%n",
                        r.caseName(),
                        r.n(),
                        r.replicates(),
                        d.ksTotal(),
                        d.ksPretraining(),
                        d.varianceOff()));
            }
        }
        return out.toString();
    }

    public static String sweepTable(List<SweepRow> sweeps) {
        StringBuilder out = new StringBuilder(
                String.format(Locale.ROOT, "%-21s %-16s %10s %14s%n", "case", "parameter", "value", "E||L(Z)||^2"));
        for (SweepRow r : sweeps) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-21s %-16s %10s %14.6g%n",
                    r.caseName(),
                    r.parameter(),
                    new DecimalFormat("0.######").format(r.value()),
                    r.prediction().expectedLSquared()));
        }
        return out.toString();
    }

    /** {@code CASE-cdf-total.png}, {@code CASE-cdf-pretraining.png} and {@code CASE-ks.png}. */
    static List<Path> charts(StudySpec.CaseSpec c, List<StudyRow> rows, Path dir, int width, int height)
            throws IOException {
        List<Path> written = new ArrayList<>();
        LimitLaw law = rows.get(0).distribution().law();
        Path total = dir.resolve(c.name() + "-cdf-total.png");
        ChartUtils.saveChartAsPNG(
                total.toFile(),
                cdfChart(
                        c.name() + ": n (R - sigma^2) and its limit law",
                        "n (R - sigma^2), label noise averaged out",
                        rows,
                        true,
                        law.total()),
                width,
                height);
        written.add(total);
        Path pretraining = dir.resolve(c.name() + "-cdf-pretraining.png");
        ChartUtils.saveChartAsPNG(
                pretraining.toFile(),
                cdfChart(
                        c.name() + ": pre-training part and ||L(Z)||^2 / alpha",
                        "n ||(I - Pi) f*||^2",
                        rows,
                        false,
                        law.pretraining()),
                width,
                height);
        written.add(pretraining);
        Path ks = dir.resolve(c.name() + "-ks.png");
        ChartUtils.saveChartAsPNG(ks.toFile(), ksChart(c, rows), width, height);
        written.add(ks);
        return written;
    }

    private static JFreeChart cdfChart(String title, String xLabel, List<StudyRow> rows, boolean total, double[] law) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        XYSeries limit = new XYSeries("limit law", false);
        for (int q = 0; q <= LAW_POINTS; q++) {
            int index = Math.min(law.length - 1, (int) ((long) q * law.length / LAW_POINTS));
            limit.add(law[index], (double) index / law.length);
        }
        data.addSeries(limit);
        renderer.setSeriesPaint(0, Color.BLACK);
        renderer.setSeriesStroke(0, new BasicStroke(2.4f));
        for (int i = 0; i < rows.size(); i++) {
            StudyRow r = rows.get(i);
            double[] values =
                    (total ? r.distribution().total() : r.distribution().pretraining()).clone();
            Arrays.sort(values);
            XYSeries series = new XYSeries("n = " + r.n(), false);
            for (int j = 0; j < values.length; j++) {
                series.add(values[j], (double) j / values.length);
                series.add(values[j], (double) (j + 1) / values.length);
            }
            data.addSeries(series);
            // Light to dark with n: the curves should close in on the black limit as the colour deepens.
            float shade = rows.size() == 1 ? 1f : (float) i / (rows.size() - 1);
            renderer.setSeriesPaint(
                    i + 1, new Color(0.85f - 0.75f * shade, 0.55f - 0.45f * shade, 0.95f - 0.25f * shade));
            renderer.setSeriesStroke(i + 1, new BasicStroke(1f));
        }
        NumberAxis xAxis = new NumberAxis(xLabel);
        xAxis.setAutoRangeIncludesZero(!total);
        NumberAxis yAxis = new NumberAxis("empirical CDF");
        yAxis.setRange(0, 1);
        return styled(title, new XYPlot(data, xAxis, yAxis, renderer));
    }

    private static JFreeChart ksChart(StudySpec.CaseSpec c, List<StudyRow> rows) {
        XYSeries total = new XYSeries("KS distance, total");
        XYSeries pretraining = new XYSeries("KS distance, pre-training part");
        XYSeries variance = new XYSeries(String.format(
                Locale.ROOT, "P(variance part off sigma^2 d_eff by > %.0f%%)", 100 * Distribution.VARIANCE_TOLERANCE));
        for (StudyRow r : rows) {
            total.add(r.n(), r.distribution().ksTotal());
            pretraining.add(r.n(), r.distribution().ksPretraining());
            variance.add(r.n(), r.distribution().varianceOff());
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(total);
        data.addSeries(pretraining);
        data.addSeries(variance);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        LogAxis xAxis = new LogAxis("downstream sample size n (m = " + c.alpha() + " n)");
        xAxis.setNumberFormatOverride(new DecimalFormat("0"));
        xAxis.setTickUnit(new NumberTickUnit(1), false, true); // one tick per power of 10
        NumberAxis yAxis = new NumberAxis("distance / probability");
        yAxis.setRange(0, 1);
        return styled(
                c.name() + ": distance to the limit law, " + rows.get(0).replicates() + " replicates per n",
                new XYPlot(data, xAxis, yAxis, renderer));
    }

    static JFreeChart sweepChart(StudySpec.CaseSpec c, List<SweepRow> rows) {
        XYSeries series = new XYSeries("E||L(Z)||^2");
        for (SweepRow r : rows) {
            series.add(r.value(), r.prediction().expectedLSquared());
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        NumberAxis xAxis = new NumberAxis(c.sweep().parameter());
        xAxis.setAutoRangeIncludesZero(false);
        NumberAxis yAxis = new NumberAxis("E||L(Z)||^2");
        return styled(
                c.name() + ": E||L(Z)||^2 against " + c.sweep().parameter(),
                new XYPlot(new XYSeriesCollection(series), xAxis, yAxis, renderer));
    }

    private static JFreeChart styled(String title, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
