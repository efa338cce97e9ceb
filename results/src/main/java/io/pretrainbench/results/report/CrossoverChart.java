package io.pretrainbench.results.report;

import io.pretrainbench.results.compare.PretrainingCrossover;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * When the baseline catches up against how much pre-training went in: each pre-training's crossover budget (log y, with
 * its 95% interval as a bar) over its pre-training steps (log x), one colour per protocol (and task, when there are
 * several). A pre-training the baseline had not caught up with by its curve's largest budget has no finite crossover:
 * it is drawn as an up-arrow above a dashed line at that budget (curves may end at different budgets), in a series of
 * its own whose legend says so. Pre-trainings whose steps are unknown are left off; the caller names them.
 */
public final class CrossoverChart {
    /** Where the not-caught-up arrows sit: this factor above the largest budget, clear of every finite crossover. */
    private static final double TOP_EDGE = 2;
    /** Room around the points on both log axes, as a factor. */
    private static final double MARGIN = 1.5;
    /**
     * Each protocol's markers sit this factor to the right of the previous protocol's, so that the markers of one
     * pre-training (same steps) stay visible side by side; the table gives the exact steps.
     */
    private static final double PROTOCOL_NUDGE = 1.06;
    /** Pixels the image grows by per line of the key under the plot, so that the plot keeps its height. */
    private static final int KEY_LINE_HEIGHT = 15;

    /** One legend entry: its points, their labels, its colour and whether it holds the not-caught-up arrows. */
    private record Series(YIntervalSeries points, List<String> labels, Paint paint, boolean arrows) {}

    private CrossoverChart() {}

    /** Renders the chart of {@code crossovers} to {@code file} as a PNG of the report's size. */
    public static void writePng(List<PretrainingCrossover> crossovers, String title, Path file) throws IOException {
        long variants = crossovers.stream()
                .filter(c -> c.pretrainSteps().isPresent())
                .map(c -> c.curve().variant())
                .distinct()
                .count();
        Files.write(file, Charts.tallerPng(chart(crossovers, title), title, (int) variants * KEY_LINE_HEIGHT));
    }

    static JFreeChart chart(List<PretrainingCrossover> crossovers, String title) {
        List<PretrainingCrossover> plotted = crossovers.stream()
                .filter(c -> c.pretrainSteps().isPresent() && c.caughtUp().isPresent())
                .toList();
        int largest =
                plotted.stream().mapToInt(c -> c.curve().largestBudget()).max().orElse(1);
        double top = largest * TOP_EDGE;
        boolean severalTasks =
                plotted.stream().map(c -> c.curve().task()).distinct().count() > 1;
        Paint[] palette = DefaultDrawingSupplier.DEFAULT_PAINT_SEQUENCE;
        Map<String, Paint> colours = new LinkedHashMap<>();
        Map<String, Series> series = new LinkedHashMap<>();
        // Points are numbered by pre-training, and a key under the plot spells each number out: full labels beside the
        // points overlap as soon as two pre-trainings have similar steps.
        Map<String, Integer> numbers = new LinkedHashMap<>();
        plotted.stream()
                .sorted(Comparator.comparingDouble(c -> c.pretrainSteps().getAsDouble()))
                .forEach(c -> numbers.putIfAbsent(c.curve().variant(), numbers.size() + 1));
        Map<String, Integer> protocolOrder = new LinkedHashMap<>();
        // Caught-up points first, so that each protocol's legend entry comes before its arrows'.
        List<PretrainingCrossover> ordered = new ArrayList<>(plotted);
        ordered.sort(Comparator.comparing(c -> !c.caughtUp().orElseThrow()));
        for (PretrainingCrossover c : ordered) {
            String group = severalTasks
                    ? c.curve().task() + " — " + c.curve().protocol()
                    : c.curve().protocol();
            Paint paint = colours.computeIfAbsent(group, g -> palette[colours.size() % palette.length]);
            int nudges = protocolOrder.computeIfAbsent(group, g -> protocolOrder.size());
            boolean caughtUp = c.caughtUp().orElseThrow();
            String name = caughtUp
                    ? group + " (95% interval)"
                    : group + ": not caught up by m=" + c.curve().largestBudget();
            // Not sorted by x, so that item i is the i-th point added and its label the i-th label.
            Series s = series.computeIfAbsent(
                    name, n -> new Series(new YIntervalSeries(n, false, true), new ArrayList<>(), paint, !caughtUp));
            double ownTop = c.curve().largestBudget() * TOP_EDGE;
            double y = caughtUp ? c.curve().crossoverBudget() : ownTop;
            double low = Double.isNaN(c.curve().crossoverLow())
                    ? y
                    : Math.min(c.curve().crossoverLow(), ownTop);
            double high = Double.isNaN(c.curve().crossoverHigh())
                    ? y
                    : Math.min(c.curve().crossoverHigh(), ownTop);
            s.points().add(c.pretrainSteps().getAsDouble() * Math.pow(PROTOCOL_NUDGE, nudges), y, low, high);
            s.labels().add(Integer.toString(numbers.get(c.curve().variant())));
        }

        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer renderer = new XYErrorRenderer();
        renderer.setDefaultLinesVisible(false);
        renderer.setDefaultShapesVisible(true);
        renderer.setDrawXError(false);
        List<List<String>> labels = new ArrayList<>();
        for (Series s : series.values()) {
            int index = data.getSeriesCount();
            data.addSeries(s.points());
            labels.add(s.labels());
            renderer.setSeriesPaint(index, s.paint());
            if (s.arrows()) {
                renderer.setSeriesShape(index, ShapeUtils.createUpTriangle(6));
            }
        }
        renderer.setDefaultItemLabelGenerator(
                (dataset, s, item) -> labels.get(s).get(item));
        renderer.setDefaultItemLabelsVisible(true);

        // Both span a decade or three, where powers of ten alone would leave one or two labelled ticks: these axes
        // label 2, 3, ... 9 times them too.
        LogarithmicAxis steps = new LogarithmicAxis("pre-training optimiser steps (log scale)");
        LogarithmicAxis budget = new LogarithmicAxis("crossover budget: labelled examples m (log scale)");
        if (data.getSeriesCount() > 0) {
            double fewest = Double.POSITIVE_INFINITY;
            double most = 0;
            double lowest = top;
            for (int s = 0; s < data.getSeriesCount(); s++) {
                for (int i = 0; i < data.getItemCount(s); i++) {
                    fewest = Math.min(fewest, data.getXValue(s, i));
                    most = Math.max(most, data.getXValue(s, i));
                    lowest = Math.min(lowest, data.getStartYValue(s, i));
                }
            }
            steps.setRange(fewest / MARGIN, most * MARGIN);
            budget.setRange(lowest / MARGIN, top * MARGIN);
        }
        XYPlot plot = new XYPlot(data, steps, budget, renderer);
        plotted.stream().mapToInt(c -> c.curve().largestBudget()).distinct().forEach(budgetEnd -> {
            ValueMarker edge = new ValueMarker(
                    budgetEnd,
                    Color.GRAY,
                    new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {4f, 4f}, 0f));
            edge.setLabel("largest budget m=" + budgetEnd);
            edge.setLabelAnchor(RectangleAnchor.BOTTOM_LEFT);
            edge.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addRangeMarker(edge);
        });
        JFreeChart chart = Charts.chart(title, plot);
        if (!numbers.isEmpty()) {
            StringBuilder key = new StringBuilder();
            numbers.forEach((variant, number) -> key.append(key.isEmpty() ? "" : "\n")
                    .append(number)
                    .append(": ")
                    .append(variant.isEmpty() ? "(one pre-training)" : variant));
            TextTitle legend = new TextTitle(key.toString(), new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            legend.setPosition(RectangleEdge.BOTTOM);
            legend.setHorizontalAlignment(HorizontalAlignment.LEFT);
            chart.addSubtitle(legend);
        }
        return chart;
    }
}
