package io.pretrainbench.results.leaderboard;

import io.pretrainbench.api.finetune.Metrics;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The measurement a leaderboard ranks by, and which direction is better. */
public enum RankedMetric {
  TEST_ACCURACY(Metrics::testAccuracy, true),
  TEST_RISK(Metrics::testRisk, false),
  GENERALIZATION_GAP(Metrics::generalizationGap, false);

  private final ToDoubleFunction<Metrics> value;
  private final boolean higherIsBetter;

  RankedMetric(ToDoubleFunction<Metrics> value, boolean higherIsBetter) {
    this.value = value;
    this.higherIsBetter = higherIsBetter;
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
    throw new IllegalArgumentException("unknown metric '" + id + "'; valid: test_accuracy, test_risk, generalization_gap");
  }
}
