package io.pretrainbench.methods;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.nn.Architecture;
import io.pretrainbench.nn.MlpEncoder;
import java.util.List;

/**
 * No pre-training: a randomly initialised encoder. Under {@code linear-probe} it measures random features; under a
 * protocol that trains the encoder it is supervised learning from scratch (SL), the baseline of the papers.
 */
public final class Scratch implements PretrainingMethod {
  @Override
  public PluginDescriptor descriptor() {
    return new PluginDescriptor("scratch", "1.0.0",
        "No pre-training: a randomly initialised MLP encoder (the supervised-from-scratch baseline).",
        SpiVersion.CURRENT, List.of(MlpArchitecture.HIDDEN));
  }

  @Override
  public Encoder pretrain(PretrainingContext context) {
    context.cancellation().checkpoint();
    return MlpEncoder.initialise(context.corpus().shape(),
        Architecture.parseHidden("hidden", context.params().getString("hidden")), context.seed());
  }

  @Override
  public Encoder restore(EncoderState state) {
    return MlpEncoder.fromState(state);
  }
}
