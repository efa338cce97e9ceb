package io.pretrainbench.protocols;

import io.pretrainbench.tck.FineTuningProtocolContract;
import java.util.Map;

class FineTuneTest extends FineTuningProtocolContract<FineTune> {
  @Override
  protected FineTune plugin() {
    return new FineTune();
  }

  @Override
  protected Map<String, Object> fastParameters() {
    return Map.of("epochs", 15L);
  }
}
