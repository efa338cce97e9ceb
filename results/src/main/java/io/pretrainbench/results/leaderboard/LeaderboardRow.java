package io.pretrainbench.results.leaderboard;

import java.util.OptionalInt;

/**
 * One method's standing in one (task, budget, protocol) group.
 *
 * @param method the method, with its parameters in {@code methodParams} (canonical JSON)
 * @param corpus the pre-training corpus, with its parameters
 * @param seeds number of succeeded cells averaged (downstream seeds × pre-training seeds)
 * @param metric the ranked metric ({@link RankedMetric#id()})
 * @param mean its mean over those cells
 * @param ciLow lower end of the 95% Student-t confidence interval of that mean; NaN with a single seed
 * @param ciHigh upper end; NaN with a single seed
 * @param meanTestAccuracy mean test accuracy, whatever the ranked metric
 * @param rank 1 + the number of methods in the group whose interval lies entirely better than this one's; empty when
 *     this row has no interval (fewer than two seeds), see {@link Leaderboard}
 * @param tied whether another ranked method in the group has the same rank
 */
public record LeaderboardRow(
        String task,
        String taskParams,
        int budget,
        String protocol,
        String protocolParams,
        String method,
        String methodParams,
        String corpus,
        String corpusParams,
        int seeds,
        String metric,
        double mean,
        double ciLow,
        double ciHigh,
        double meanTestAccuracy,
        double meanTestRisk,
        double meanTrainAccuracy,
        double meanGeneralizationGap,
        OptionalInt rank,
        boolean tied) {}
