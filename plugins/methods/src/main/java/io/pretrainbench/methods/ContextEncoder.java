package io.pretrainbench.methods;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.nn.AnnotatedEncoder;
import io.pretrainbench.nn.Architecture;
import io.pretrainbench.nn.CnnEncoder;
import io.pretrainbench.nn.GraphTrainer;
import io.pretrainbench.nn.HeldoutLoss;
import io.pretrainbench.nn.Initializers;
import io.pretrainbench.nn.Layers;
import io.pretrainbench.nn.Minibatches;
import io.pretrainbench.nn.TrainingLoop;
import io.pretrainbench.nn.Transformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Context Encoder (Pathak et al., 2016), the convolutional mask-reconstruction method the generalization-bound paper
 * analyses: a square region of each image is blanked (set to the corpus mean), a CNN encoder reads the rest, and a
 * decoder inpaints the region; the loss is the mean squared error on the blanked pixels only (the paper's L2 term; its
 * adversarial term is left out). The decoder is one fully-connected layer from the last feature map to the pixels,
 * light by design so the encoder must carry the context. Only the encoder is kept.
 */
public final class ContextEncoder implements PretrainingMethod {
    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "context-encoder",
                "1.0.0",
                "Context Encoder: CNN encoder, light decoder inpaints a blanked square; L2 loss on the square"
                        + " (Pathak et al.).",
                SpiVersion.CURRENT,
                PretrainingInputs.withInputs(PretrainingCheckpoint.withCheckpoints(List.of(
                        CnnArchitecture.CHANNELS,
                        ParameterSpec.integer(
                                "mask_size",
                                12,
                                2,
                                1024,
                                "side of the blanked square, in pixels (at most the image's shorter side minus one)"),
                        ParameterSpec.choice(
                                "mask_position",
                                "random",
                                List.of("random", "center"),
                                "where the square goes: anywhere (random) or the image centre"),
                        ParameterSpec.integer("epochs", 10, 1, 1000, "passes over the corpus"),
                        ParameterSpec.integer("batch_size", 128, 1, 4096, "images per step"),
                        ParameterSpec.real("learning_rate", 1e-3, 1e-6, 1.0, "Adam learning rate"),
                        ParameterSpec.integer(
                                "max_examples", 20_000, 1, 1_000_000, "use at most this many corpus images")))));
    }

    @Override
    public Encoder pretrain(PretrainingContext context) {
        Parameters p = context.params();
        PretrainingCheckpoint.Split split = PretrainingCheckpoint.split(context.corpus(), p);
        Examples corpus = split.training();
        int[] shape = corpus.shape(); // [height, width, channels], stored row by row, channels innermost
        int height = shape[0];
        int width = shape[1];
        int channels = shape[2];
        int pixels = corpus.exampleSize();
        CnnEncoder initial = CnnEncoder.initialise(
                        shape, Architecture.parseHidden("channels", p.getString("channels")), context.seed())
                .withNormalisation(PretrainingInputs.normalisation(p, corpus));
        int mapSize = initial.mapSize();
        // Not GraphTrainer.decoderRandom: this method has drawn its decoder from a stream of its own since 1.0.0.
        SplittableRandom random = new SplittableRandom(context.seed() ^ 0x632BE59BD9B4E019L);
        Map<String, WeightTensor> decoder = new TreeMap<>();
        decoder.put("decoder/kernel", Initializers.glorotUniform(random, mapSize, pixels));
        decoder.put("decoder/bias", Initializers.zeros(pixels));
        float fill = mean(corpus);
        Minibatches batches = new Minibatches(
                corpus,
                p.getInt("batch_size"),
                context.seed(),
                PretrainingInputs.augmentation(p, shape, context.seed()));
        int batch = batches.batchSize();
        int maskSize = Math.min(p.getInt("mask_size"), Math.min(height, width) - 1);
        boolean centre = p.getString("mask_position").equals("center");

        try (GraphTrainer trainer = new GraphTrainer(context.compute())) {
            Ops tf = trainer.tf();
            Placeholder<TFloat32> masked =
                    tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, shape[0], shape[1], shape[2])));
            Placeholder<TFloat32> target = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, pixels)));
            Placeholder<TFloat32> region = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, pixels)));
            Map<String, Variable<TFloat32>> encoderVariables = new TreeMap<>();
            Operand<TFloat32> map = initial.featureMap(
                    new Transformer.Scope(tf, initial.weights(), EncoderMode.TRAINABLE, encoderVariables), masked);
            Map<String, Variable<TFloat32>> decoderVariables = new TreeMap<>();
            Transformer.Scope dec =
                    new Transformer.Scope(tf, new Weights(decoder), EncoderMode.TRAINABLE, decoderVariables);
            Operand<TFloat32> flat = tf.reshape(map, tf.constant(new long[] {-1, mapSize}));
            Operand<TFloat32> inpainted =
                    tf.math.sigmoid(Layers.dense(tf, flat, dec.w("decoder/kernel"), dec.w("decoder/bias")));
            Operand<TFloat32> squared = tf.math.mul(tf.math.squaredDifference(inpainted, target), region);
            Operand<TFloat32> loss = tf.math.div(
                    tf.sum(squared, tf.constant(new int[] {0, 1})), tf.sum(region, tf.constant(new int[] {0, 1})));
            List<Variable<TFloat32>> variables = new ArrayList<>(encoderVariables.values());
            variables.addAll(decoderVariables.values());
            trainer.minimize(loss, variables);

            Random placement = new Random(context.seed() + 31);
            float[] input = new float[batch * pixels];
            float[] weights = new float[batch * pixels];
            float rate = (float) p.getDouble("learning_rate");
            // The masks of one batch, drawn from the stream given: the training's, or the held-out loss's fixed one.
            BiFunction<float[], Random, GraphTrainer.Step> maskedStep = (images, placements) -> {
                System.arraycopy(images, 0, input, 0, input.length);
                java.util.Arrays.fill(weights, 0f);
                for (int b = 0; b < batch; b++) {
                    int top = centre ? (height - maskSize) / 2 : placements.nextInt(height - maskSize + 1);
                    int left = centre ? (width - maskSize) / 2 : placements.nextInt(width - maskSize + 1);
                    blank(input, weights, b * pixels, top, left, maskSize, width, channels, fill);
                }
                return trainer.step()
                        .floats(masked, input, batch, shape[0], shape[1], shape[2])
                        .floats(target, images, batch, pixels)
                        .floats(region, weights, batch, pixels);
            };
            PretrainingCheckpoint.run(
                    TrainingLoop.pretraining(batches, p.getInt("epochs"), context),
                    p,
                    (images, labels, rows, step) ->
                            maskedStep.apply(images, placement).run(rate));
            Encoder trained = initial.withWeights(trainer.read(encoderVariables));
            return PretrainingCheckpoint.record(trained, split, heldout -> {
                Random evaluationPlacement = new Random(HeldoutLoss.EVALUATION_SEED);
                return HeldoutLoss.mean(heldout, batch, context.cancellation(), (images, rows) -> maskedStep
                        .apply(images, evaluationPlacement)
                        .evaluate());
            });
        }
    }

    /**
     * Blanks the {@code size}×{@code size} square at ({@code top}, {@code left}) of the image that starts at
     * {@code offset} (rows of {@code width} pixels, {@code channels} values per pixel, innermost): every channel of
     * each of its pixels becomes {@code fill} in {@code input} and is marked 1 in {@code region}, the pixels the loss
     * counts.
     */
    static void blank(
            float[] input,
            float[] region,
            int offset,
            int top,
            int left,
            int size,
            int width,
            int channels,
            float fill) {
        for (int r = top; r < top + size; r++) {
            for (int c = left; c < left + size; c++) {
                for (int k = 0; k < channels; k++) {
                    int at = offset + (r * width + c) * channels + k;
                    input[at] = fill;
                    region[at] = 1f;
                }
            }
        }
    }

    /** The mean of every value, summed row by row: a corpus of pixels is never converted to floats as a whole. */
    private static float mean(Examples corpus) {
        double sum = 0;
        float[] row = new float[corpus.exampleSize()];
        for (int i = 0; i < corpus.count(); i++) {
            corpus.copyRow(i, row, 0);
            for (float v : row) {
                sum += v;
            }
        }
        return (float) (sum / ((double) corpus.count() * corpus.exampleSize()));
    }

    @Override
    public void checkInput(Parameters params, int[] exampleShape) {
        PretrainingCheckpoint.check(params);
    }

    @Override
    public Encoder restore(EncoderState state) {
        return AnnotatedEncoder.restore(state, CnnEncoder::fromState);
    }
}
