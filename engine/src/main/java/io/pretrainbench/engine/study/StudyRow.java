package io.pretrainbench.engine.study;

import io.pretrainbench.api.study.Prediction;

/**
 * One line of the result table: the Monte-Carlo mean of n (R - sigma^2) over the replicates at this n, its 95%
 * confidence interval (normal, from the replicate standard deviation), and the theorem's predicted limit; with
 * {@code label_noise: averaged} also the comparison in distribution (null otherwise).
 */
public record StudyRow(
        String caseName,
        int n,
        int m,
        int replicates,
        double mean,
        double ciLow,
        double ciHigh,
        Prediction prediction,
        double seconds,
        Distribution distribution) {
    /** Measured over predicted. */
    public double ratio() {
        return mean / prediction.limit();
    }

    /** Half-width of the interval relative to the prediction: how finely this row can judge agreement. */
    public double relativeHalfWidth() {
        return (ciHigh - ciLow) / 2 / prediction.limit();
    }
}
