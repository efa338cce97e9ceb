package io.pretrainbench.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.Compute;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.tck.FineTuningProtocolContract;
import io.pretrainbench.tck.TckData;
import io.pretrainbench.tck.TckEncoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearProbeTest extends FineTuningProtocolContract<LinearProbe> {
  @Override
  protected LinearProbe plugin() {
    return new LinearProbe();
  }

  @Override
  protected Map<String, Object> fastParameters() {
    return Map.of("epochs", 30L);
  }

  @Test
  void theReturnedHeadActsOnRawFeaturesAndReproducesTheReportedAccuracy() {
    TckEncoder encoder = TckEncoder.random(TckData.SHAPE, 12, 3);
    Examples train = TckData.images(90, 3, 1);
    Examples test = TckData.images(60, 3, 2);
    FineTuneResult result = plugin().fineTune(new FineTuningContext(encoder, train, Examples.labelled(new float[0],
        new int[0], TckData.SHAPE), test, 3, parameters(), 0, Compute.cpu(1), ProgressListener.NONE,
        Cancellation.NEVER));

    FeatureMatrix features = EncoderFeatures.compute(encoder, test, Compute.cpu(1), 32);
    LinearHead head = new LinearHead(12, 3, result.head().weights().get("kernel").values(),
        result.head().weights().get("bias").values());
    assertThat(head.evaluate(features, test.labels()).accuracy())
        .isCloseTo(result.metrics().testAccuracy(), within(1e-9));
    assertThat(result.metrics().validationAccuracy()).as("no validation hold-out").isNaN();
  }

  @Test
  void crossEntropyOfAUniformHeadIsLogK() {
    LinearHead uniform = new LinearHead(2, 4, new float[8], new float[4]);
    FeatureMatrix x = new FeatureMatrix(3, 2, new float[] {1, 2, 3, 4, 5, 6});
    assertThat(uniform.evaluate(x, new int[] {0, 1, 3}).risk()).isCloseTo(Math.log(4), within(1e-12));
  }
}
