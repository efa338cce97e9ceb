package io.pretrainbench.nn;

import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A Vision Transformer encoder (Dosovitskiy et al.), sized for 28×28 images: non-overlapping {@code patch × patch}
 * patches, a linear patch embedding, fixed 2-D sine-cosine position embeddings (as in MAE), {@code depth} pre-norm
 * Transformer blocks and a final LayerNorm. The representation is the mean over tokens. Architecture {@code vit}.
 *
 * <p>The pieces are public so that MAE can run the same encoder on only the visible patches.
 */
public final class VitEncoder implements Encoder {
    public static final String ARCHITECTURE = "vit";

    /** Architecture settings. */
    public record Config(int[] inputShape, int patch, int width, int depth, int heads, int mlpRatio) {
        public Config {
            if (inputShape.length != 3 || inputShape[0] != inputShape[1] || inputShape[0] % patch != 0) {
                throw new IllegalArgumentException("vit needs square images whose side is a multiple of patch " + patch
                        + ", got shape " + java.util.Arrays.toString(inputShape));
            }
            if (width % heads != 0 || width % 4 != 0) {
                throw new IllegalArgumentException(
                        "vit width " + width + " must be a multiple of 4 and of heads " + heads);
            }
        }

        public int grid() {
            return inputShape[0] / patch;
        }

        public int tokens() {
            return grid() * grid();
        }

        /** Values per patch: patch² × channels. */
        public int patchSize() {
            return patch * patch * inputShape[2];
        }

        Map<String, String> toMap() {
            Map<String, String> m = new TreeMap<>();
            m.put("input_shape", inputShape[0] + "," + inputShape[1] + "," + inputShape[2]);
            m.put("patch", Integer.toString(patch));
            m.put("width", Integer.toString(width));
            m.put("depth", Integer.toString(depth));
            m.put("heads", Integer.toString(heads));
            m.put("mlp_ratio", Integer.toString(mlpRatio));
            return m;
        }

        static Config fromMap(Map<String, String> m) {
            return new Config(
                    Architecture.parseShape(m.get("input_shape")),
                    Integer.parseInt(m.get("patch")),
                    Integer.parseInt(m.get("width")),
                    Integer.parseInt(m.get("depth")),
                    Integer.parseInt(m.get("heads")),
                    Integer.parseInt(m.get("mlp_ratio")));
        }
    }

    private final Config config;
    private final Weights weights;
    private final InputNormalisation normalisation;

    public VitEncoder(Config config, Weights weights) {
        this(config, weights, InputNormalisation.NONE);
    }

    private VitEncoder(Config config, Weights weights, InputNormalisation normalisation) {
        this.config = config;
        this.weights = weights;
        this.normalisation = normalisation;
    }

    public static VitEncoder initialise(Config config, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, WeightTensor> w = new LinkedHashMap<>();
        Transformer.dense(w, "patch_embed", config.patchSize(), config.width(), random);
        for (int i = 0; i < config.depth(); i++) {
            Transformer.initialise(w, "block" + i, config.width(), config.mlpRatio(), random);
        }
        Transformer.layerNorm(w, "norm", config.width());
        return new VitEncoder(config, new Weights(w));
    }

    public static VitEncoder fromState(EncoderState state) {
        if (!ARCHITECTURE.equals(state.architecture())) {
            throw new IllegalArgumentException("not a vit encoder state: architecture '" + state.architecture() + "'");
        }
        return new VitEncoder(Config.fromMap(state.config()), state.weights(), InputNormalisation.from(state.config()));
    }

    public Config config() {
        return config;
    }

    public Weights weights() {
        return weights;
    }

    @Override
    public int[] inputShape() {
        return config.inputShape().clone();
    }

    @Override
    public int featureDim() {
        return config.width();
    }

    @Override
    public EncoderState state() {
        Map<String, String> settings = config.toMap();
        normalisation.addTo(settings);
        return new EncoderState(ARCHITECTURE, settings, weights);
    }

    @Override
    public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
        Map<String, Variable<TFloat32>> variables = new TreeMap<>();
        Transformer.Scope s = new Transformer.Scope(tf, weights, mode, variables);
        Operand<TFloat32> tokens =
                encode(s, embed(s, patchify(tf, normalisation.apply(tf, input), config)), config.tokens());
        Operand<TFloat32> pooled = tf.math.mean(tokens, tf.constant(1));
        return new EncoderGraph(pooled, variables);
    }

    @Override
    public VitEncoder withWeights(Weights newWeights) {
        return new VitEncoder(config, newWeights, normalisation);
    }

    /** The same encoder normalising its inputs with {@code inputs} first. */
    public VitEncoder withNormalisation(InputNormalisation inputs) {
        return new VitEncoder(config, weights, inputs);
    }

    /** How this encoder normalises its inputs, for methods that run its pieces ({@link #patchify} …) themselves. */
    public InputNormalisation normalisation() {
        return normalisation;
    }

    /** Images {@code [B, H, W, C]} → patches {@code [B, tokens, patch²·C]}, row-major over the patch grid. */
    public static Operand<TFloat32> patchify(Ops tf, Operand<TFloat32> images, Config c) {
        int g = c.grid();
        int p = c.patch();
        int channels = c.inputShape()[2];
        Operand<TFloat32> x = tf.reshape(images, tf.constant(new long[] {-1, g, p, g, p, channels}));
        x = tf.linalg.transpose(x, tf.constant(new int[] {0, 1, 3, 2, 4, 5}));
        return tf.reshape(x, tf.constant(new long[] {-1, c.tokens(), c.patchSize()}));
    }

    /** Patches → token embeddings plus position embeddings, {@code [B, tokens, width]}. */
    public Operand<TFloat32> embed(Transformer.Scope s, Operand<TFloat32> patches) {
        Operand<TFloat32> x =
                Transformer.dense(s, patches, "patch_embed", config.tokens(), config.patchSize(), config.width());
        return s.tf().math.add(x, positions(s.tf(), config.grid(), config.width()));
    }

    /** Transformer blocks and the final LayerNorm over {@code tokens} tokens. */
    public Operand<TFloat32> encode(Transformer.Scope s, Operand<TFloat32> x, int tokens) {
        for (int i = 0; i < config.depth(); i++) {
            x = Transformer.block(s, x, "block" + i, tokens, config.width(), config.heads(), config.mlpRatio());
        }
        return Transformer.layerNorm(s, x, "norm");
    }

    /** The fixed sine-cosine position embeddings as a constant {@code [1, grid², width]}. */
    public static Operand<TFloat32> positions(Ops tf, int grid, int width) {
        return tf.constant(
                Shape.of(1, (long) grid * grid, width),
                DataBuffers.of(Transformer.sinCosPositions(grid, width), true, false));
    }
}
