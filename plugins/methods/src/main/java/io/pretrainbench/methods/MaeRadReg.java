package io.pretrainbench.methods;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import java.util.ArrayList;
import java.util.List;

/**
 * MAE pre-training with the Rademacher representation regulariser (RadReg) of Deng, Hong, Zhou &amp; Mahdavi (AISTATS
 * 2024, Section 5): the pre-training loss plus {@code λ} times the representation's Rademacher correlation with random
 * signs, maximised over a linear head by {@code radreg_inner_steps} gradient-ascent steps (see
 * {@link MaeModel.RadReg}). Every MAE parameter has the same name and default as in {@code mae}, so a grid can compare
 * the two directly; {@code radreg_lambda: 0} trains exactly like {@code mae} (same masks, same signs unused).
 */
public final class MaeRadReg implements PretrainingMethod {
    @Override
    public PluginDescriptor descriptor() {
        List<ParameterSpec> params = new ArrayList<>(MaskedAutoencoder.PARAMETERS);
        params.addAll(List.of(
                ParameterSpec.real("radreg_lambda", 0.1, 0, 100, "weight λ of the Rademacher term"),
                ParameterSpec.real("radreg_mu", 1.0, 1e-6, 1e6, "strength μ of the head's (μ/2)‖θ‖² penalty"),
                ParameterSpec.integer(
                        "radreg_inner_steps", 5, 1, 1000, "ascent steps K on the head per pre-training step"),
                ParameterSpec.real("radreg_inner_rate", 0.1, 1e-6, 10, "ascent step size η (η·μ must be at most 2)"),
                ParameterSpec.integer(
                        "radreg_batch",
                        32,
                        2,
                        4096,
                        "images per step encoded whole for the Rademacher term (at most batch_size)")));
        return new PluginDescriptor(
                "mae-radreg",
                "1.0.0",
                "MAE with RadReg: Rademacher representation regularisation by descent-ascent over a linear head"
                        + " (Deng et al.).",
                SpiVersion.CURRENT,
                params);
    }

    @Override
    public Encoder pretrain(PretrainingContext context) {
        Parameters p = context.params();
        double mu = p.getDouble("radreg_mu");
        double rate = p.getDouble("radreg_inner_rate");
        if (rate * mu > 2) {
            throw new InvalidParameterException(
                    "radreg_inner_rate",
                    "radreg_inner_rate × radreg_mu = " + rate * mu
                            + " makes the head's ascent diverge; it must be at most 2");
        }
        int batch = p.getInt("radreg_batch");
        if (batch > p.getInt("batch_size")) {
            throw new InvalidParameterException(
                    "radreg_batch",
                    "radreg_batch " + batch + " exceeds batch_size " + p.getInt("batch_size")
                            + "; use at most batch_size");
        }
        return MaskedAutoencoder.pretrain(
                context,
                new MaeModel.RadReg(p.getDouble("radreg_lambda"), mu, p.getInt("radreg_inner_steps"), rate, batch));
    }

    @Override
    public void checkInput(Parameters params, int[] exampleShape) {
        new MaskedAutoencoder().checkInput(params, exampleShape);
    }

    @Override
    public Encoder restore(EncoderState state) {
        return new MaskedAutoencoder().restore(state);
    }
}
