package io.pretrainbench.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.Compute;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.tck.FineTuningProtocolContract;
import io.pretrainbench.tck.TckData;
import io.pretrainbench.tck.TckEncoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FineTuneTest extends FineTuningProtocolContract<FineTune> {
  @Override
  protected FineTune plugin() {
    return new FineTune();
  }

  @Override
  protected Map<String, Object> fastParameters() {
    return Map.of("epochs", 15L);
  }

  private static FineTuneResult tune(Encoder encoder, long headEpochs) {
    FineTune protocol = new FineTune();
    return protocol.fineTune(new FineTuningContext(encoder, TckData.images(120, 4, 1), TckData.images(40, 4, 2),
        TckData.images(80, 4, 3), 4, protocol.descriptor().resolve(Map.of("epochs", 6L, "head_epochs", headEpochs)),
        0, Compute.cpu(1), ProgressListener.NONE, Cancellation.NEVER));
  }

  @Test
  void headEpochsLeaveTheEncoderUntouchedThenTrainIt() {
    Encoder encoder = TckEncoder.random(TckData.SHAPE, 16, 7);
    assertThat(tune(encoder, 6).encoder().state().weights()).as("head only for every epoch")
        .isEqualTo(encoder.state().weights());
    assertThat(tune(encoder, 2).encoder().state().weights()).as("head first, then everything")
        .isNotEqualTo(encoder.state().weights());
  }
}
