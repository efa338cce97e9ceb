package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The contract of a {@link BoundEstimator}: a finite, deterministic estimate with finite components. */
public abstract class BoundEstimatorContract<T extends BoundEstimator> extends PluginContract<T> {
  private static final int CLASSES = 3;
  private static final int FEATURES = 8;

  /** A cell as a bound estimator sees it: kit encoder, synthetic sample, a random linear head. */
  protected EstimationContext context(long seed) {
    TckEncoder encoder = TckEncoder.random(TckData.SHAPE, FEATURES, 9);
    Examples train = TckData.images(60, CLASSES, 4);
    Random random = new Random(13);
    float[] kernel = new float[FEATURES * CLASSES];
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = (float) random.nextGaussian();
    }
    Head head = new Head(Head.LINEAR, new Weights(Map.of(
        "kernel", new WeightTensor(new long[] {FEATURES, CLASSES}, kernel),
        "bias", new WeightTensor(new long[] {CLASSES}, new float[] {0.1f, -0.2f, 0.1f}))));
    return new EstimationContext(encoder, head, train, EncoderFeatures.compute(encoder, train, Compute.cpu(1), 32),
        CLASSES, new Metrics(0.9, 0.8, 0.3, 0.5, 0.8), parameters(), seed);
  }

  @Test
  void estimateAndComponentsAreFinite() {
    BoundEstimate estimate = plugin().estimate(context(1));
    assertThat(estimate.value()).isFinite();
    assertThat(estimate.components()).isNotEmpty();
    estimate.components().forEach((name, v) -> assertThat(v).as(name).isFinite());
  }

  @Test
  void isDeterministicForAFixedSeed() {
    assertThat(plugin().estimate(context(2))).isEqualTo(plugin().estimate(context(2)));
  }

  @Override
  protected final Class<T> kind() {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) BoundEstimator.class;
    return type;
  }
}
