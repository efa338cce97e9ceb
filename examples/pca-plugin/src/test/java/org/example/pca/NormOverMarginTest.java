package org.example.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.tck.BoundEstimatorContract;
import org.junit.jupiter.api.Test;

class NormOverMarginTest extends BoundEstimatorContract<NormOverMargin> {
  @Override
  protected NormOverMargin plugin() {
    return new NormOverMargin();
  }

  @Test
  void theValueIsAssembledFromItsComponents() {
    BoundEstimate e = plugin().estimate(context(1));
    var c = e.components();
    double expected = c.get("frobenius_norm") * c.get("rms_feature_norm")
        / (Math.max(c.get("median_margin"), 1e-6) * Math.sqrt(c.get("n")));
    assertThat(e.value()).isCloseTo(expected, within(1e-9));
  }
}
