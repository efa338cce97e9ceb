package io.pretrainbench.multiview;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;

/**
 * No pre-training: the {@link PatchConvEncoder} with random kernels, with the same architecture parameters (names and
 * defaults) as {@code multiview-mrp}. Under {@code fine-tune} it is the supervised-learning (SL) baseline of Pan et al.
 * (2023). A method of its own rather than an {@code architecture} of {@code scratch}: the encoder lives in this plugin,
 * and {@code scratch}'s parameters stay those of the image encoders.
 */
public final class MultiViewScratch implements PretrainingMethod {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "multiview-scratch",
            "1.0.0",
            "No pre-training: the multi-view two-layer convolutional encoder with random kernels (the SL baseline).",
            SpiVersion.CURRENT,
            PatchConvEncoder.PARAMETERS);

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Encoder pretrain(PretrainingContext context) {
        context.cancellation().checkpoint();
        return PatchConvEncoder.initialise(context.corpus().shape(), context.params(), context.seed());
    }

    @Override
    public Encoder restore(EncoderState state) {
        return PatchConvEncoder.fromState(state);
    }
}
