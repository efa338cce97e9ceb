package io.pretrainbench.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridExpander;
import io.pretrainbench.engine.grid.GridParser;
import io.pretrainbench.engine.registry.PluginDiscovery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private static Cell cell() {
        var registry = new PluginDiscovery(ProgressReporterTest.class.getClassLoader()).discover(null);
        var grid = new GridParser(registry)
                .parse(
                        Path.of("grid.yaml"),
                        """
        name: progress
        pretraining:
          corpus: [{name: fashion-mnist, params: {limit: 100}}]
          methods: [autoencoder]
        tasks: [fmnist-10class]
        budgets: [10]
        protocols: [linear-probe]
        """);
        return GridExpander.expand(grid).get(0);
    }

    private static String log(long stepLineNanos) {
        StringWriter text = new StringWriter();
        ProgressReporter reporter = new ProgressReporter(new PrintWriter(text), false, stepLineNanos);
        reporter.start(1, 0, 1);
        Cell cell = cell();
        for (int step = 1; step <= 3; step++) {
            reporter.step(cell, "pretrain", step, 3, 0.5);
        }
        return text.toString();
    }

    @Test
    void aLogShowsTrainingInProgressAsPlainLinesAtMostOncePerInterval() {
        assertThat(log(0).lines())
                .hasSize(4)
                .element(3)
                .asString()
                .contains("autoencoder")
                .contains("pretrain 3/3 loss 0.5000")
                .doesNotContain("\r");
        assertThat(log(Long.MAX_VALUE).lines())
                .as("within the interval: only the grid's first line")
                .hasSize(1);
    }
}
