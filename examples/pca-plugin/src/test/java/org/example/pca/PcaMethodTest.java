package org.example.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.tck.PretrainingMethodContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The whole conformance kit for a pre-training method in a few lines, then known answers. */
class PcaMethodTest extends PretrainingMethodContract<PcaMethod> {
  /** Six points on the axes of R³: mean 0, covariance diag(18, 8, 2) / 6 = diag(3, 4/3, 1/3). */
  private static final Examples AXES = Examples.unlabelled(new float[] {
      3, 0, 0, -3, 0, 0,
      0, 2, 0, 0, -2, 0,
      0, 0, 1, 0, 0, -1}, 3);

  @Override
  protected PcaMethod plugin() {
    return new PcaMethod();
  }

  @Override
  protected Map<String, Object> fastParameters() {
    return Map.of("components", 8L, "iterations", 3L);
  }

  @Test
  void findsTheAxesOfLargestVariance() {
    FeatureMatrix f = fitAndEncode(false, ProgressListener.NONE);
    // Components e₁ and e₂ (signs fixed positive): each point keeps its first two coordinates.
    assertThat(f.columns()).isEqualTo(2);
    assertRows(f, new float[] {3, 0, -3, 0, 0, 2, 0, -2, 0, 0, 0, 0});
  }

  @Test
  void whitenedFeaturesHaveUnitVariance() {
    FeatureMatrix f = fitAndEncode(true, ProgressListener.NONE);
    // 3/√3 = √3 and 2/√(4/3) = √3: each component has variance (2·3)/6 = 1 on the corpus.
    float r = (float) Math.sqrt(3);
    assertRows(f, new float[] {r, 0, -r, 0, 0, r, 0, -r, 0, 0, 0, 0});
  }

  @Test
  void reportsTheVarianceLeftUnexplainedEachIteration() {
    List<Double> losses = new ArrayList<>();
    fitAndEncode(false, (phase, step, total, loss) -> losses.add(loss));
    assertThat(losses).hasSize(50);
    // trace(C) − λ₁ − λ₂ = 1/3 once converged.
    assertThat(losses.get(49)).isCloseTo(1.0 / 3, within(1e-9));
  }

  @Test
  void moreComponentsThanTheCorpusSupportsAreRefusedNamingTheParameter() {
    var params = plugin().descriptor().resolve(Map.of("components", 6L));
    assertThatThrownBy(() -> plugin().pretrain(PretrainingContext.builder().corpus(AXES).params(params).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parameter 'components'")
        .hasMessageContaining("max_examples");
  }

  private FeatureMatrix fitAndEncode(boolean whiten, ProgressListener progress) {
    var params = plugin().descriptor().resolve(Map.of("components", 2L, "whiten", whiten, "iterations", 50L));
    Encoder encoder = plugin().pretrain(PretrainingContext.builder().corpus(AXES).params(params).seed(7)
        .progress(progress).build());
    return EncoderFeatures.compute(encoder, AXES, Compute.cpu(1), 4);
  }

  private static void assertRows(FeatureMatrix f, float[] expected) {
    float[] actual = f.values();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("feature %d of row %d", i % 2, i / 2).isCloseTo(expected[i], within(1e-5f));
    }
  }
}
