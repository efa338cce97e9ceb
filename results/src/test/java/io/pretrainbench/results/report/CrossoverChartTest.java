package io.pretrainbench.results.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.results.compare.Comparison;
import io.pretrainbench.results.compare.PretrainingCrossover;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossoverChartTest {
    @TempDir
    Path dir;

    private static PretrainingCrossover crossover(
            String variant, String protocol, double steps, double budget, double low, double high) {
        return crossover(variant, protocol, steps, budget, low, high, List.of(20, 100, 1000));
    }

    private static PretrainingCrossover crossover(
            String variant,
            String protocol,
            double steps,
            double budget,
            double low,
            double high,
            List<Integer> budgets) {
        Comparison.Curve curve = new Comparison.Curve(
                "task",
                protocol,
                new Comparison.Pretraining("mae", "{\"epochs\":" + steps + "}", "corpus", "{}"),
                variant,
                budgets,
                0.6,
                0.5,
                budget,
                low,
                high);
        return new PretrainingCrossover(curve, Double.isNaN(steps) ? OptionalDouble.empty() : OptionalDouble.of(steps));
    }

    private static final List<PretrainingCrossover> CROSSOVERS = List.of(
            crossover("epochs=1", "linear-probe", 100, 300, 150, 700),
            crossover("epochs=2", "linear-probe", 200, 600, 300, Double.POSITIVE_INFINITY),
            crossover("epochs=4", "linear-probe", 400, Double.POSITIVE_INFINITY, 800, Double.POSITIVE_INFINITY),
            crossover("epochs=1", "fine-tune", 100, 50, 20, 90),
            crossover("epochs=8", "fine-tune", Double.NaN, 40, 20, 60));

    @Test
    void oneSeriesPerProtocolWithTheNotCaughtUpPointsAtTheTopEdgeAndUnknownStepsLeftOff() {
        JFreeChart chart = CrossoverChart.chart(CROSSOVERS, "mae − scratch");
        XYDataset data = chart.getXYPlot().getDataset();

        assertThat(data.getSeriesCount()).isEqualTo(3);
        assertThat(List.of(data.getSeriesKey(0), data.getSeriesKey(1), data.getSeriesKey(2)))
                .containsExactly(
                        "linear-probe (95% interval)",
                        "fine-tune (95% interval)", "linear-probe: not caught up by m=1000");
        assertThat(data.getItemCount(0)).isEqualTo(2);
        // drawn at twice the largest budget, above the dashed line at the largest budget
        assertThat(data.getYValue(2, 0)).isEqualTo(2000);
        assertThat(data.getItemCount(1))
                .as("the pre-training of unknown steps is left off")
                .isEqualTo(1);
        // an infinite interval bound reaches the top edge
        var intervals = (org.jfree.data.xy.IntervalXYDataset) data;
        assertThat(intervals.getEndYValue(0, 1)).isEqualTo(2000);
        assertThat(chart.getXYPlot().getRangeAxis().getUpperBound()).isGreaterThan(2000);
        var labels = chart.getXYPlot().getRenderer().getDefaultItemLabelGenerator();
        assertThat(labels.generateLabel(data, 0, 0))
                .as("points carry their pre-training's number, numbered by steps")
                .isEqualTo("1");
        assertThat(((org.jfree.chart.title.TextTitle) chart.getSubtitle(chart.getSubtitleCount() - 1)).getText())
                .isEqualTo("1: epochs=1\n2: epochs=2\n3: epochs=4");
        assertThat(data.getXValue(1, 0))
                .as("fine-tune sits a little right of linear-probe at the same steps, so both stay visible")
                .isGreaterThan(data.getXValue(0, 0));
        assertThat(chart.getXYPlot().getRenderer().getSeriesPaint(2))
                .as("the arrows take their protocol's colour")
                .isEqualTo(chart.getXYPlot().getRenderer().getSeriesPaint(0));
    }

    @Test
    void eachNotCaughtUpArrowSitsAboveItsOwnCurvesLargestBudget() {
        JFreeChart chart = CrossoverChart.chart(
                List.of(
                        crossover("short", "fine-tune", 100, Double.POSITIVE_INFINITY, 800, Double.POSITIVE_INFINITY),
                        crossover(
                                "long",
                                "fine-tune",
                                200,
                                Double.POSITIVE_INFINITY,
                                Double.POSITIVE_INFINITY,
                                Double.POSITIVE_INFINITY,
                                List.of(20, 100, 1000, 5000))),
                "mae − scratch");
        XYDataset data = chart.getXYPlot().getDataset();
        assertThat(List.of(data.getYValue(0, 0), data.getYValue(1, 0)))
                .as("tested up to 1 000 and up to 5 000 labels: arrows at twice each")
                .containsExactlyInAnyOrder(2000.0, 10000.0);
        assertThat(chart.getXYPlot().getRangeMarkers(org.jfree.chart.ui.Layer.FOREGROUND))
                .as("a dashed line at each curve end")
                .hasSize(2);
    }

    @Test
    void withoutAPointOfKnownStepsTheChartStillRenders() throws Exception {
        Path png = dir.resolve("empty.png");
        CrossoverChart.writePng(List.of(CROSSOVERS.get(4)), "mae − scratch", png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(720);
    }

    @Test
    void thePngIsTheReportsSizeAndDrawsSomething() throws Exception {
        Path png = dir.resolve("crossover.png");
        CrossoverChart.writePng(CROSSOVERS, "mae − scratch", png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(720);
        assertThat(image.getHeight())
                .as("the report's 400 pixels and a key line for each of the 3 pre-trainings of known steps")
                .isEqualTo(400 + 3 * 15);
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 3) {
            for (int y = 0; y < image.getHeight(); y += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("axes, text, two series' colours").isGreaterThan(10);
    }
}
