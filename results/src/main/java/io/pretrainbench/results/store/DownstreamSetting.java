package io.pretrainbench.results.store;

import java.util.Comparator;

/**
 * What a cell was evaluated on downstream, seeds aside: the task and its parameters, the label budget, the protocol and
 * its parameters. The leaderboard ranks methods within one setting and the comparison pairs cells within one. Ordered
 * field by field in this order (names and parameter JSON as strings, the budget as a number).
 */
public record DownstreamSetting(String task, String taskParams, int budget, String protocol, String protocolParams)
        implements Comparable<DownstreamSetting> {
    private static final Comparator<DownstreamSetting> ORDER = Comparator.comparing(DownstreamSetting::task)
            .thenComparing(DownstreamSetting::taskParams)
            .thenComparingInt(DownstreamSetting::budget)
            .thenComparing(DownstreamSetting::protocol)
            .thenComparing(DownstreamSetting::protocolParams);

    /** The setting of {@code key}. */
    public static DownstreamSetting of(CellKey key) {
        return new DownstreamSetting(key.task(), key.taskParams(), key.budget(), key.protocol(), key.protocolParams());
    }

    @Override
    public int compareTo(DownstreamSetting other) {
        return ORDER.compare(this, other);
    }
}
