package io.pretrainbench.methods;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.nn.Adam;
import io.pretrainbench.nn.AnnotatedEncoder;
import io.pretrainbench.nn.HeldoutLoss;
import io.pretrainbench.nn.Minibatches;
import io.pretrainbench.nn.TrainingLoop;
import io.pretrainbench.nn.VitEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Masked autoencoder (He et al., 2022), the mask-reconstruction pre-training of the papers: a random {@code mask_ratio}
 * of each image's patches is removed, the ViT encoder sees only the visible patches, a light Transformer decoder
 * receives the encoded visible tokens plus a shared learned mask token at every masked position (with position
 * embeddings), and predicts the pixels of every patch; the loss is the mean squared error on the masked patches only,
 * against per-patch normalised pixels when {@code norm_pix} is set. AdamW with linear warm-up and cosine decay. Only
 * the encoder is kept.
 */
public final class MaskedAutoencoder implements PretrainingMethod {
    /** MAE's parameters, shared with {@code mae-radreg}. */
    static final List<ParameterSpec> PARAMETERS = parameters();

    private static List<ParameterSpec> parameters() {
        List<ParameterSpec> params = new ArrayList<>(VitArchitecture.PARAMETERS);
        params.addAll(List.of(
                ParameterSpec.real("mask_ratio", 0.75, 0.05, 0.95, "share of patches masked per image"),
                ParameterSpec.bool("norm_pix", true, "reconstruct per-patch normalised pixels (MAE's default)"),
                ParameterSpec.integer("decoder_width", 64, 8, 1024, "decoder token width (multiple of 4 and of heads)"),
                ParameterSpec.integer("decoder_depth", 1, 1, 8, "decoder blocks"),
                ParameterSpec.integer("epochs", 10, 1, 1000, "passes over the corpus"),
                ParameterSpec.integer("batch_size", 128, 2, 4096, "images per step"),
                ParameterSpec.real("learning_rate", 1e-3, 1e-6, 1.0, "peak AdamW learning rate"),
                ParameterSpec.real("warmup_epochs", 1, 0, 100, "linear warm-up length, in epochs"),
                ParameterSpec.real("weight_decay", 0.05, 0, 1, "decoupled weight decay on kernels"),
                ParameterSpec.integer("max_examples", 20_000, 1, 1_000_000, "use at most this many corpus images")));
        return PretrainingInputs.withInputs(PretrainingCheckpoint.withCheckpoints(params));
    }

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "mae",
                "1.0.0",
                "Masked autoencoder: ViT encoder on visible patches, light decoder reconstructs masked patches (He"
                        + " et al.).",
                SpiVersion.CURRENT,
                PARAMETERS);
    }

    @Override
    public Encoder pretrain(PretrainingContext context) {
        return pretrain(context, null);
    }

    /** MAE pre-training, with the RadReg term when {@code radReg} is not null. */
    static Encoder pretrain(PretrainingContext context, MaeModel.RadReg radReg) {
        Parameters p = context.params();
        PretrainingCheckpoint.Split split = PretrainingCheckpoint.split(context.corpus(), p);
        Examples corpus = split.training();
        Minibatches batches = new Minibatches(
                corpus,
                p.getInt("batch_size"),
                context.seed(),
                PretrainingInputs.augmentation(p, corpus.shape(), context.seed()));
        MaeModel.Settings settings = new MaeModel.Settings(
                VitArchitecture.config(corpus.shape(), p),
                p.getDouble("mask_ratio"),
                p.getBoolean("norm_pix"),
                p.getInt("decoder_width"),
                p.getInt("decoder_depth"),
                p.getDouble("weight_decay"),
                batches.batchSize(),
                radReg);
        try (MaeModel model =
                new MaeModel(settings, PretrainingInputs.normalisation(p, corpus), context.seed(), context.compute())) {
            TrainingLoop loop = TrainingLoop.pretraining(batches, p.getInt("epochs"), context);
            int warmup = (int) Math.round(p.getDouble("warmup_epochs") * batches.stepsPerEpoch());
            double peak = p.getDouble("learning_rate");
            PretrainingCheckpoint.run(
                    loop,
                    p,
                    (images, labels, rows, step) ->
                            model.step(images, Adam.warmupCosine(peak, step, warmup, loop.totalSteps())));
            return PretrainingCheckpoint.record(model.encoder(), split, heldout -> {
                Random masks = new Random(HeldoutLoss.EVALUATION_SEED);
                return HeldoutLoss.mean(
                        heldout,
                        batches.batchSize(),
                        context.cancellation(),
                        (images, rows) -> model.loss(images, masks));
            });
        }
    }

    @Override
    public void checkInput(Parameters params, int[] exampleShape) {
        VitArchitecture.checkPatch(params, exampleShape);
        PretrainingCheckpoint.check(params);
    }

    @Override
    public Encoder restore(EncoderState state) {
        return AnnotatedEncoder.restore(state, VitEncoder::fromState);
    }
}
