package io.pretrainbench.results.leaderboard;

import io.pretrainbench.api.finetune.Metrics;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The measurement a leaderboard ranks by, and which direction is better. */
public enum RankedMetric {
    TEST_ACCURACY(Metrics::testAccuracy, true, 0, 1),
    TEST_RISK(Metrics::testRisk, false, 0, Double.POSITIVE_INFINITY),
    /** Train accuracy minus test accuracy. */
    GENERALIZATION_GAP(Metrics::generalizationGap, false, -1, 1);

    private final ToDoubleFunction<Metrics> value;
    private final boolean higherIsBetter;
    private final double min;
    private final double max;

    RankedMetric(ToDoubleFunction<Metrics> value, boolean higherIsBetter, double min, double max) {
        this.value = value;
        this.higherIsBetter = higherIsBetter;
        this.min = min;
        this.max = max;
    }

    /**
     * {@code x} moved into the metric's range: a t-interval over a few seeds of a bounded quantity can reach past its
     * bound (an accuracy interval of [0.37, 1.04] with two seeds), which no value of the metric can; NaN stays NaN.
     */
    double clip(double x) {
        return Double.isNaN(x) ? x : Math.max(min, Math.min(max, x));
    }

    double of(Metrics m) {
        return value.applyAsDouble(m);
    }

    boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** The name users type and see: {@code test_accuracy}, {@code test_risk}, {@code generalization_gap}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RankedMetric parse(String id) {
        for (RankedMetric m : values()) {
            if (m.id().equals(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown metric '" + id + "'; valid: test_accuracy, test_risk, generalization_gap");
    }
}
