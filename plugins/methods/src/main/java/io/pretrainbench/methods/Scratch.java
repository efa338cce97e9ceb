package io.pretrainbench.methods;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.nn.Architecture;
import io.pretrainbench.nn.CnnEncoder;
import io.pretrainbench.nn.InputNormalisation;
import io.pretrainbench.nn.MlpEncoder;
import io.pretrainbench.nn.VitEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * No pre-training: a randomly initialised encoder of the chosen architecture, with the same parameters (names and
 * defaults) as the method it is compared with ({@code autoencoder} for {@code mlp}, {@code mae} for {@code vit},
 * {@code context-encoder} for {@code cnn}). Under {@code linear-probe} it measures random features; under
 * {@code fine-tune} it is supervised learning from scratch (SL), the baseline of the papers.
 */
public final class Scratch implements PretrainingMethod {
    @Override
    public PluginDescriptor descriptor() {
        List<ParameterSpec> params = new ArrayList<>();
        params.add(ParameterSpec.choice(
                "architecture",
                MlpEncoder.ARCHITECTURE,
                List.of(MlpEncoder.ARCHITECTURE, VitEncoder.ARCHITECTURE, CnnEncoder.ARCHITECTURE),
                "encoder architecture"));
        params.add(MlpArchitecture.HIDDEN);
        params.add(CnnArchitecture.CHANNELS);
        params.addAll(VitArchitecture.PARAMETERS);
        params.add(PretrainingInputs.NORMALISE);
        return new PluginDescriptor(
                "scratch",
                "1.1.0",
                "No pre-training: a randomly initialised encoder (MLP, ViT or CNN), the supervised-from-scratch"
                        + " baseline.",
                SpiVersion.CURRENT,
                params);
    }

    @Override
    public Encoder pretrain(PretrainingContext context) {
        context.cancellation().checkpoint();
        Parameters p = context.params();
        int[] shape = context.corpus().shape();
        InputNormalisation inputs = PretrainingInputs.normalisation(p, context.corpus());
        return switch (p.getString("architecture")) {
            case VitEncoder.ARCHITECTURE -> VitEncoder.initialise(VitArchitecture.config(shape, p), context.seed())
                    .withNormalisation(inputs);
            case CnnEncoder.ARCHITECTURE -> CnnEncoder.initialise(
                            shape, Architecture.parseHidden("channels", p.getString("channels")), context.seed())
                    .withNormalisation(inputs);
            default -> MlpEncoder.initialise(
                            shape, Architecture.parseHidden("hidden", p.getString("hidden")), context.seed())
                    .withNormalisation(inputs);
        };
    }

    @Override
    public void checkInput(Parameters params, int[] exampleShape) {
        if (params.getString("architecture").equals(VitEncoder.ARCHITECTURE)) {
            VitArchitecture.checkPatch(params, exampleShape);
        }
    }

    @Override
    public Encoder restore(EncoderState state) {
        return switch (state.architecture()) {
            case VitEncoder.ARCHITECTURE -> VitEncoder.fromState(state);
            case CnnEncoder.ARCHITECTURE -> CnnEncoder.fromState(state);
            default -> MlpEncoder.fromState(state);
        };
    }
}
