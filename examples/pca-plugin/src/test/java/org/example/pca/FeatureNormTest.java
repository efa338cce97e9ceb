package org.example.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.tck.BoundEstimatorContract;
import io.pretrainbench.tck.TckEncoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The conformance kit for a bound estimator, then a hand-computed cell. */
class FeatureNormTest extends BoundEstimatorContract<FeatureNorm> {
  @Override
  protected FeatureNorm plugin() {
    return new FeatureNorm();
  }

  @Test
  void knownAnswerOnAHandComputedCell() {
    BoundEstimate e = plugin().estimate(handCell(1));
    Map<String, Double> c = e.components();
    // x̃ = (ĥ, 1) has ‖x̃‖² = 2 for all five points: S = √10. W = 2·I plus a zero bias row: B = 2√2.
    assertThat(c.get("feature_norm_sum")).isCloseTo(Math.sqrt(10), within(1e-12));
    assertThat(c.get("head_frobenius_norm")).isCloseTo(2 * Math.sqrt(2), within(1e-12));
    assertThat(c.get("norm_complexity")).isCloseTo(2 * Math.sqrt(2) * Math.sqrt(10) / 5, within(1e-12));
    // Margins 2, 2, 2, 2 and −2: ρ = 2, one point misclassified (ramp loss 1/5 = train error 1/5).
    assertThat(c.get("margin")).isEqualTo(2.0);
    assertThat(c.get("empirical_margin_loss")).isCloseTo(0.2, within(1e-12));
    assertThat(c.get("train_error")).isCloseTo(0.2, within(1e-12));
    // (4√k/ρ)·(B/n)·S = (4√2/2)·(4√5/5) = 8√10/5; confidence 3·√(ln(2/0.05)/10).
    double complexity = 8 * Math.sqrt(10) / 5;
    double confidence = 3 * Math.sqrt(Math.log(40) / 10);
    assertThat(c.get("complexity_term")).isCloseTo(complexity, within(1e-12));
    assertThat(c.get("confidence")).isCloseTo(confidence, within(1e-12));
    assertThat(e.value()).isCloseTo(complexity + confidence, within(1e-12)).isCloseTo(6.881729, within(1e-6));
  }

  @Test
  void rescalingTheHeadLeavesTheBoundUnchanged() {
    assertThat(plugin().estimate(handCell(10)).value())
        .isCloseTo(plugin().estimate(handCell(1)).value(), within(1e-9));
  }

  /** Five 2-d features, two classes, head {@code scale · 2·I}; the last point is labelled against its feature. */
  private EstimationContext handCell(float scale) {
    float[] features = {1, 0, 0, 1, 1, 0, 0, 1, 1, 0};
    int[] labels = {0, 1, 0, 1, 1};
    Head head = LinearHead.of(2, 2, new float[] {2 * scale, 0, 0, 2 * scale}, new float[] {0, 0}).toHead();
    // The estimator reads the features and labels; the encoder is only there because a cell always has one.
    return EstimationContext.builder().encoder(TckEncoder.random(new int[] {2}, 2, 1)).head(head)
        .train(Examples.labelled(features, labels, 2)).trainFeatures(new FeatureMatrix(5, 2, features)).numClasses(2)
        .metrics(new Metrics(0.8, 0.7, 0.5, 0.6, 0.7)).params(plugin().descriptor().defaults()).build();
  }
}
