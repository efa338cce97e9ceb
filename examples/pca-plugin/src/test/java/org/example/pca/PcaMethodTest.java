package org.example.pca;

import io.pretrainbench.tck.PretrainingMethodContract;
import java.util.Map;

/** The whole conformance kit for a pre-training method, in a few lines. */
class PcaMethodTest extends PretrainingMethodContract<PcaMethod> {
  @Override
  protected PcaMethod plugin() {
    return new PcaMethod();
  }

  @Override
  protected Map<String, Object> fastParameters() {
    return Map.of("components", 8L, "iterations", 3L);
  }
}
