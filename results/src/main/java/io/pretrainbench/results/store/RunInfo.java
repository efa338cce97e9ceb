package io.pretrainbench.results.store;

import java.time.Instant;
import java.util.Map;

/**
 * One invocation of {@code run} on a grid.
 *
 * @param runId unique id of this invocation
 * @param gridName the grid's {@code name}
 * @param gridHash hash of the grid's expanded cell ids: the same for the same experiment, whatever the file's order
 * @param gridSource the grid file's text, so results say how they were obtained
 * @param startedAt when the run started
 * @param environment Java, TensorFlow, OS, CPU, git commit, SPI version, host, parallelism...
 */
public record RunInfo(
        String runId,
        String gridName,
        String gridHash,
        String gridSource,
        Instant startedAt,
        Map<String, String> environment) {
    public RunInfo {
        environment = Map.copyOf(environment);
    }
}
