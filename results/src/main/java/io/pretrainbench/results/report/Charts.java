package io.pretrainbench.results.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeriesCollection;

/** JFreeChart plots rendered to PNG and encoded for embedding in the report. */
final class Charts {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 400;

    private Charts() {}

    /** Lines with error bars (mean and interval), x on a log axis (label budgets). */
    static JFreeChart intervals(String title, String x, String y, YIntervalSeriesCollection data) {
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(true);
        renderer.setDefaultShapesVisible(true);
        NumberAxis yAxis = new NumberAxis(y);
        yAxis.setAutoRangeIncludesZero(false);
        return chart(title, new XYPlot(data, logAxis(x), yAxis, renderer));
    }

    /**
     * Points only (scatter). The y axis is logarithmic when the values are positive and span more than two orders of
     * magnitude (bound estimates at small budgets can be 10⁵ times those at large ones, which flattens a linear axis).
     */
    static JFreeChart scatter(String title, String x, String y, XYSeriesCollection data) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        double low = data.getSeriesCount() == 0
                ? 0
                : org.jfree.data.general.DatasetUtils.findMinimumRangeValue(data)
                        .doubleValue();
        double high = data.getSeriesCount() == 0
                ? 0
                : org.jfree.data.general.DatasetUtils.findMaximumRangeValue(data)
                        .doubleValue();
        NumberAxis linear = new NumberAxis(y);
        linear.setAutoRangeIncludesZero(false);
        org.jfree.chart.axis.ValueAxis yAxis = linear;
        if (low > 0 && high / low > 100) {
            yAxis = logAxis(y + " (log scale)");
        }
        return chart(title, new XYPlot(data, new NumberAxis(x), yAxis, renderer));
    }

    /** Lines only, e.g. loss per step. */
    static JFreeChart lines(String title, String x, String y, XYDataset data) {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.2f));
        }
        NumberAxis yAxis = new NumberAxis(y);
        yAxis.setAutoRangeIncludesZero(false);
        return chart(title, new XYPlot(data, new NumberAxis(x), yAxis, renderer));
    }

    /** A base-10 logarithmic axis with ticks at whole numbers (powers of ten and their multiples). */
    static LogAxis logAxis(String label) {
        LogAxis axis = new LogAxis(label);
        axis.setBase(10);
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    /** The report's look: white background, light-grey grid, a legend. */
    static JFreeChart chart(String title, XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** An {@code <img>} element holding the chart as a PNG data URI. */
    static String img(JFreeChart chart, String alt) {
        return "<img class=\"plot\" alt=\"" + Html.escape(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png(chart, alt)) + "\">";
    }

    /** The chart as a PNG of the report's size. */
    static byte[] png(JFreeChart chart, String name) {
        return png(chart, name, HEIGHT);
    }

    /** The chart as a PNG of the report's width and {@code extraHeight} pixels taller (room for a key under it). */
    static byte[] tallerPng(JFreeChart chart, String name, int extraHeight) {
        return png(chart, name, HEIGHT + extraHeight);
    }

    private static byte[] png(JFreeChart chart, String name, int height) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(png, chart, WIDTH, height);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render chart '" + name + "'", e);
        }
    }
}
