package io.pretrainbench.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridExpander;
import io.pretrainbench.engine.grid.GridParser;
import io.pretrainbench.engine.registry.PluginDiscovery;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterleaveTest {
    @Test
    void cellsAreOrderedRoundRobinOverTheirEncoders() {
        var registry = new PluginDiscovery(getClass().getClassLoader()).discover(null);
        var grid = new GridParser(registry)
                .parse(
                        Path.of("grid.yaml"),
                        """
        name: order
        pretraining:
          corpus: [{name: fashion-mnist, params: {limit: 100}}]
          methods: [scratch, autoencoder, mae]
        tasks: [fmnist-10class]
        budgets: [10, 20]
        protocols: [linear-probe]
        seeds: [0, 1]
        """);
        List<Cell> ordered = GridRunner.interleave(GridExpander.expand(grid));

        assertThat(ordered).hasSize(12).doesNotHaveDuplicates();
        for (int round = 0; round < 4; round++) {
            assertThat(ordered.subList(3 * round, 3 * round + 3).stream()
                            .map(c -> c.key().method()))
                    .as("round %d has one cell of each method", round)
                    .containsExactlyInAnyOrder("scratch", "autoencoder", "mae");
        }
    }
}
