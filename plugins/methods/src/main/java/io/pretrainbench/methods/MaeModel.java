package io.pretrainbench.methods;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.nn.Adam;
import io.pretrainbench.nn.GraphTrainer;
import io.pretrainbench.nn.InputNormalisation;
import io.pretrainbench.nn.Transformer;
import io.pretrainbench.nn.VitEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The masked autoencoder as a trainable graph: built once, then one {@link #step} per minibatch. Kept apart from the
 * training loop in {@link MaskedAutoencoder} so that benchmarks can time exactly one optimisation step.
 */
public final class MaeModel implements AutoCloseable {
    /**
     * Model and optimiser settings.
     *
     * @param batch images per step (the graph is built for this batch size)
     * @param radReg the Rademacher representation regulariser, or null for plain MAE
     */
    public record Settings(
            VitEncoder.Config config,
            double maskRatio,
            boolean normPix,
            int decoderWidth,
            int decoderDepth,
            double weightDecay,
            int batch,
            RadReg radReg) {}

    /**
     * RadReg (Deng et al., AISTATS 2024): adds {@code λ · max_θ [(1/n′) Σ σ_i θᵀh(x′_i) − (μ/2)‖θ‖²]} to the loss, the
     * Rademacher correlation of the representation h with random signs σ, maximised over a linear head θ. As in the
     * paper's gradient descent–ascent, θ persists across steps and takes {@code innerSteps} ascent steps of size
     * {@code innerRate} per outer step (for the fixed batch they have a closed form), then the encoder descends with θ
     * held fixed. x′ are the first {@code batch} images of each minibatch, encoded whole (no masking), as downstream
     * inputs would be.
     */
    public record RadReg(double lambda, double mu, int innerSteps, double innerRate, int batch) {}

    private final Settings settings;
    private final VitEncoder initial;
    private final GraphTrainer trainer;
    private final Placeholder<TFloat32> images;
    private final Placeholder<TInt32> keepIndex;
    private final Placeholder<TInt32> restoreIndex;
    private final Placeholder<TFloat32> mask;
    private final Placeholder<TFloat32> signs; // null without RadReg
    private final Op headUpdate; // null without RadReg
    private final Map<String, Variable<TFloat32>> encoderVariables = new TreeMap<>();
    private final Random masking;
    private final Random signing;
    private final int keep;
    private final int[] keepFlat;
    private final int[] restoreFlat;
    private final float[] maskValues;

    public MaeModel(Settings settings, long seed, Compute compute) {
        this(settings, InputNormalisation.NONE, seed, compute);
    }

    /**
     * An MAE whose encoder normalises its inputs with {@code inputs}; the reconstruction targets are the normalised
     * patches, as in He et al., where normalisation is part of the data transform.
     */
    public MaeModel(Settings settings, InputNormalisation inputs, long seed, Compute compute) {
        this.settings = settings;
        VitEncoder.Config config = settings.config();
        int batch = settings.batch();
        int n = config.tokens();
        this.keep = Math.max(1, (int) Math.round(n * (1 - settings.maskRatio())));
        this.initial = VitEncoder.initialise(config, seed).withNormalisation(inputs);
        this.masking = new Random(seed + 17);
        this.signing = new Random(seed + 31);
        this.keepFlat = new int[batch * keep];
        this.restoreFlat = new int[batch * n];
        this.maskValues = new float[batch * n];
        int decoderWidth = settings.decoderWidth();
        Weights decoderInit = decoderWeights(
                config, decoderWidth, settings.decoderDepth(), new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L));
        int[] shape = config.inputShape();

        this.trainer = new GraphTrainer(compute);
        Ops tf = trainer.tf();
        images = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, shape[0], shape[1], shape[2])));
        keepIndex = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of((long) batch * keep)));
        restoreIndex = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of((long) batch * n)));
        mask = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, n)));

        // Encoder on the visible patches only.
        Transformer.Scope enc = new Transformer.Scope(tf, initial.weights(), EncoderMode.TRAINABLE, encoderVariables);
        Operand<TFloat32> normalised = inputs.apply(tf, images);
        Operand<TFloat32> patches = VitEncoder.patchify(tf, normalised, config);
        Operand<TFloat32> tokens =
                tf.reshape(initial.embed(enc, patches), tf.constant(new long[] {-1, config.width()}));
        Operand<TFloat32> visible = tf.reshape(
                tf.gather(tokens, keepIndex, tf.constant(0)), tf.constant(new long[] {batch, keep, config.width()}));
        Operand<TFloat32> encoded = initial.encode(enc, visible, keep);

        // Decoder: visible tokens + mask tokens, put back in image order, position embeddings, blocks, pixel head.
        Map<String, Variable<TFloat32>> decoderVariables = new TreeMap<>();
        Transformer.Scope dec = new Transformer.Scope(tf, decoderInit, EncoderMode.TRAINABLE, decoderVariables);
        Operand<TFloat32> x = Transformer.dense(dec, encoded, "decoder_embed", keep, config.width(), decoderWidth);
        Operand<TFloat32> maskTokens = tf.tile(dec.w("mask_token"), tf.constant(new int[] {batch, n - keep, 1}));
        Operand<TFloat32> shuffled = tf.reshape(
                tf.concat(List.of(x, maskTokens), tf.constant(1)), tf.constant(new long[] {-1, decoderWidth}));
        x = tf.reshape(
                tf.gather(shuffled, restoreIndex, tf.constant(0)), tf.constant(new long[] {batch, n, decoderWidth}));
        x = tf.math.add(x, VitEncoder.positions(tf, config.grid(), decoderWidth));
        for (int i = 0; i < settings.decoderDepth(); i++) {
            x = Transformer.block(dec, x, "decoder_block" + i, n, decoderWidth, heads(decoderWidth), config.mlpRatio());
        }
        x = Transformer.layerNorm(dec, x, "decoder_norm");
        Operand<TFloat32> predicted = Transformer.dense(dec, x, "decoder_pred", n, decoderWidth, config.patchSize());

        Operand<TFloat32> target = patches;
        if (settings.normPix()) {
            Operand<TInt32> last = tf.constant(-1);
            Operand<TFloat32> mean = tf.math.mean(patches, last, Mean.keepDims(true));
            Operand<TFloat32> centred = tf.math.sub(patches, mean);
            Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), last, Mean.keepDims(true));
            target = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(1e-6f))));
        }
        Operand<TFloat32> perPatch = tf.math.mean(tf.math.squaredDifference(predicted, target), tf.constant(-1));
        Operand<TFloat32> loss = tf.math.div(
                tf.sum(tf.math.mul(perPatch, mask), tf.constant(new int[] {0, 1})),
                tf.sum(mask, tf.constant(new int[] {0, 1})));
        Operand<TFloat32> objective = loss;
        RadReg radReg = settings.radReg();
        if (radReg != null) {
            signs = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, radReg.batch())));
            Operand<TFloat32> whole = tf.slice(normalised, tf.constant(new int[] {0, 0, 0, 0}), tf.constant(new int[] {
                radReg.batch(), shape[0], shape[1], shape[2]
            }));
            Operand<TFloat32> features = tf.math.mean(
                    initial.encode(enc, initial.embed(enc, VitEncoder.patchify(tf, whole, config)), n),
                    tf.constant(1)); // [n′, width], the downstream representation
            Operand<TFloat32> correlation = tf.math.div(tf.linalg.matMul(signs, features), tf.constant((float)
                    radReg.batch())); // [1, width]: (1/n′) Σ σ_i h(x′_i)
            // K ascent steps θ ← θ + η(v − μθ) from θ₀ reach θ* + (1 − ημ)^K (θ₀ − θ*), with θ* = v/μ.
            Variable<TFloat32> head =
                    tf.variable(tf.zeros(tf.constant(new long[] {1, config.width()}), TFloat32.class));
            Operand<TFloat32> best = tf.math.div(tf.stopGradient(correlation), tf.constant((float) radReg.mu()));
            float contraction = (float) Math.pow(1 - radReg.innerRate() * radReg.mu(), radReg.innerSteps());
            Operand<TFloat32> ascended =
                    tf.stopGradient(tf.math.add(best, tf.math.mul(tf.constant(contraction), tf.math.sub(head, best))));
            Operand<TFloat32> rademacher = tf.math.sub(
                    tf.sum(tf.math.mul(ascended, correlation), tf.constant(new int[] {0, 1})),
                    tf.math.mul(
                            tf.constant((float) (radReg.mu() / 2)),
                            tf.sum(tf.math.square(ascended), tf.constant(new int[] {0, 1}))));
            objective = tf.math.add(loss, tf.math.mul(tf.constant((float) radReg.lambda()), rademacher));
            headUpdate = tf.assign(head, ascended);
        } else {
            signs = null;
            headUpdate = null;
        }

        List<Variable<TFloat32>> variables = new ArrayList<>(encoderVariables.values());
        variables.addAll(decoderVariables.values());
        List<Variable<TFloat32>> decayed = new ArrayList<>(Adam.kernels(encoderVariables));
        decayed.addAll(Adam.kernels(decoderVariables));
        trainer.minimize(objective, loss, variables, decayed, settings.weightDecay());
    }

    /**
     * One optimisation step on a batch of images ({@code batch × H × W × C} values), with fresh random masks.
     *
     * @return the masked-patch reconstruction loss before the update
     */
    public float step(float[] batchImages, float learningRate) {
        GraphTrainer.Step step = masked(batchImages, masking);
        if (signs != null) {
            step.floats(signs, sampleSigns(), 1, settings.radReg().batch()).alsoRun(headUpdate);
        }
        return step.run(learningRate);
    }

    /**
     * The masked-patch reconstruction loss of a batch of images under the current weights, with masks drawn from
     * {@code masks} (a stream of the caller's, so the training's masks stay untouched), without updating anything.
     */
    public float loss(float[] batchImages, Random masks) {
        return masked(batchImages, masks).evaluate();
    }

    /** A step's feeds: the images and fresh random masks drawn from {@code random}. */
    private GraphTrainer.Step masked(float[] batchImages, Random random) {
        int batch = settings.batch();
        int n = settings.config().tokens();
        int[] shape = settings.config().inputShape();
        sampleMasks(random, batch, n, keep, keepFlat, restoreFlat, maskValues);
        return trainer.step()
                .floats(images, batchImages, batch, shape[0], shape[1], shape[2])
                .ints(keepIndex, keepFlat, keepFlat.length)
                .ints(restoreIndex, restoreFlat, restoreFlat.length)
                .floats(mask, maskValues, batch, n);
    }

    /** Fresh Rademacher signs, one per RadReg image, from their own generator (masks stay those of plain MAE). */
    private float[] sampleSigns() {
        float[] sigma = new float[settings.radReg().batch()];
        for (int i = 0; i < sigma.length; i++) {
            sigma[i] = signing.nextBoolean() ? 1f : -1f;
        }
        return sigma;
    }

    /** Hands each later step's per-op statistics to {@code tracer} ({@link GraphTrainer#trace}); null stops. */
    public void trace(Consumer<RunMetadata> tracer) {
        trainer.trace(tracer);
    }

    /** The encoder with its current (trained) weights. */
    public VitEncoder encoder() {
        return initial.withWeights(trainer.read(encoderVariables));
    }

    @Override
    public void close() {
        trainer.close();
    }

    /**
     * Per image, a random permutation of the patches: the first {@code keep} are visible. Fills the flat gather indices
     * of the visible tokens, the indices that put [visible..., mask tokens...] back in image order, and the 0/1 mask.
     */
    static void sampleMasks(
            Random random, int batch, int n, int keep, int[] keepFlat, int[] restoreFlat, float[] mask) {
        int[] order = new int[n];
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int rank = 0; rank < n; rank++) {
                int patch = order[rank];
                if (rank < keep) {
                    keepFlat[b * keep + rank] = b * n + patch;
                }
                restoreFlat[b * n + patch] = b * n + rank;
                mask[b * n + patch] = rank < keep ? 0f : 1f;
            }
        }
    }

    private static int heads(int width) {
        return width % 4 == 0 && width >= 32 ? 4 : 1;
    }

    private static Weights decoderWeights(VitEncoder.Config c, int width, int depth, SplittableRandom random) {
        Map<String, WeightTensor> w = new LinkedHashMap<>();
        Transformer.dense(w, "decoder_embed", c.width(), width, random);
        float[] maskToken = new float[width];
        for (int i = 0; i < width; i++) {
            maskToken[i] = (float) (0.02 * random.nextGaussian());
        }
        w.put("mask_token", new WeightTensor(new long[] {1, 1, width}, maskToken));
        for (int i = 0; i < depth; i++) {
            Transformer.initialise(w, "decoder_block" + i, width, c.mlpRatio(), random);
        }
        Transformer.layerNorm(w, "decoder_norm", width);
        Transformer.dense(w, "decoder_pred", width, c.patchSize(), random);
        return new Weights(w);
    }
}
