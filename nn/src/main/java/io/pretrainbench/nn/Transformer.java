package io.pretrainbench.nn;

import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Map;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;

/**
 * Pre-norm Transformer blocks (as in ViT and MAE): {@code x + MHSA(LN(x))}, then {@code x + MLP(LN(x))} with a GELU.
 * Shared by the ViT encoder and the MAE decoder. Activations are {@code [batch, tokens, width]}; weights of block
 * {@code prefix} are {@code prefix/ln1/gamma}, {@code prefix/attn/q/kernel}, ... as created by {@link #initialise}.
 */
public final class Transformer {
    private Transformer() {}

    /** Adds the weights of one block to {@code into}: Glorot projections, zero biases, unit LayerNorm gains. */
    public static void initialise(
            Map<String, WeightTensor> into, String prefix, int width, int mlpRatio, SplittableRandom random) {
        layerNorm(into, prefix + "/ln1", width);
        for (String p : new String[] {"q", "k", "v", "out"}) {
            dense(into, prefix + "/attn/" + p, width, width, random);
        }
        layerNorm(into, prefix + "/ln2", width);
        dense(into, prefix + "/mlp/fc1", width, width * mlpRatio, random);
        dense(into, prefix + "/mlp/fc2", width * mlpRatio, width, random);
    }

    public static void dense(Map<String, WeightTensor> into, String name, int in, int out, SplittableRandom random) {
        into.put(name + "/kernel", Initializers.glorotUniform(random, in, out));
        into.put(name + "/bias", Initializers.zeros(out));
    }

    public static void layerNorm(Map<String, WeightTensor> into, String name, int width) {
        float[] ones = new float[width];
        java.util.Arrays.fill(ones, 1f);
        into.put(name + "/gamma", new WeightTensor(new long[] {width}, ones));
        into.put(name + "/beta", Initializers.zeros(width));
    }

    /** Graph side: weights of one model, as constants or variables. */
    public record Scope(Ops tf, Weights weights, EncoderMode mode, Map<String, Variable<TFloat32>> variables) {
        public Operand<TFloat32> w(String name) {
            return Layers.weight(tf, weights, name, mode, variables);
        }
    }

    /** {@code x · kernel + bias} on the last axis of {@code [batch, tokens, in]}. */
    public static Operand<TFloat32> dense(Scope s, Operand<TFloat32> x, String name, int tokens, int in, int out) {
        Ops tf = s.tf();
        Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, in}));
        Operand<TFloat32> y = Layers.dense(tf, flat, s.w(name + "/kernel"), s.w(name + "/bias"));
        return tf.reshape(y, tf.constant(new long[] {-1, tokens, out}));
    }

    /** LayerNorm over the last axis, ε = 1e-6. */
    public static Operand<TFloat32> layerNorm(Scope s, Operand<TFloat32> x, String name) {
        Ops tf = s.tf();
        Operand<org.tensorflow.types.TInt32> last = tf.constant(-1);
        Operand<TFloat32> mean = tf.math.mean(x, last, Mean.keepDims(true));
        Operand<TFloat32> centred = tf.math.sub(x, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), last, Mean.keepDims(true));
        Operand<TFloat32> normed = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(1e-6f))));
        return tf.math.add(tf.math.mul(normed, s.w(name + "/gamma")), s.w(name + "/beta"));
    }

    /** One pre-norm block on {@code [batch, tokens, width]}. */
    public static Operand<TFloat32> block(
            Scope s, Operand<TFloat32> x, String prefix, int tokens, int width, int heads, int mlpRatio) {
        Operand<TFloat32> attended =
                attention(s, layerNorm(s, x, prefix + "/ln1"), prefix + "/attn", tokens, width, heads);
        x = s.tf().math.add(x, attended);
        Operand<TFloat32> h =
                dense(s, layerNorm(s, x, prefix + "/ln2"), prefix + "/mlp/fc1", tokens, width, width * mlpRatio);
        h = dense(s, gelu(s.tf(), h), prefix + "/mlp/fc2", tokens, width * mlpRatio, width);
        return s.tf().math.add(x, h);
    }

    /** Multi-head self-attention: softmax(QKᵀ/√d)V per head, heads concatenated, then an output projection. */
    static Operand<TFloat32> attention(Scope s, Operand<TFloat32> x, String prefix, int tokens, int width, int heads) {
        Ops tf = s.tf();
        int headWidth = width / heads;
        Operand<TFloat32> q =
                splitHeads(tf, dense(s, x, prefix + "/q", tokens, width, width), tokens, heads, headWidth);
        Operand<TFloat32> k =
                splitHeads(tf, dense(s, x, prefix + "/k", tokens, width, width), tokens, heads, headWidth);
        Operand<TFloat32> v =
                splitHeads(tf, dense(s, x, prefix + "/v", tokens, width, width), tokens, heads, headWidth);
        Operand<TFloat32> kT = tf.linalg.transpose(k, tf.constant(new int[] {0, 1, 3, 2}));
        Operand<TFloat32> scores = tf.math.mul(
                tf.train.batchMatMul(q, kT, TFloat32.class), tf.constant((float) (1 / Math.sqrt(headWidth))));
        Operand<TFloat32> mixed = tf.train.batchMatMul(tf.nn.softmax(scores), v, TFloat32.class); // [B, H, T, dh]
        Operand<TFloat32> merged = tf.reshape(
                tf.linalg.transpose(mixed, tf.constant(new int[] {0, 2, 1, 3})),
                tf.constant(new long[] {-1, tokens, width}));
        return dense(s, merged, prefix + "/out", tokens, width, width);
    }

    private static Operand<TFloat32> splitHeads(Ops tf, Operand<TFloat32> x, int tokens, int heads, int headWidth) {
        Operand<TFloat32> split = tf.reshape(x, tf.constant(new long[] {-1, tokens, heads, headWidth}));
        return tf.linalg.transpose(split, tf.constant(new int[] {0, 2, 1, 3}));
    }

    /** GELU, tanh approximation (Hendrycks & Gimpel), as in BERT and ViT. */
    public static Operand<TFloat32> gelu(Ops tf, Operand<TFloat32> x) {
        Operand<TFloat32> cube = tf.math.mul(tf.math.mul(x, x), x);
        Operand<TFloat32> inner = tf.math.mul(
                tf.constant((float) Math.sqrt(2 / Math.PI)), tf.math.add(x, tf.math.mul(tf.constant(0.044715f), cube)));
        return tf.math.mul(tf.math.mul(tf.constant(0.5f), x), tf.math.add(tf.constant(1f), tf.math.tanh(inner)));
    }

    /**
     * Fixed 2-D sine-cosine position embeddings of a {@code grid × grid} patch layout, {@code [grid², width]} (MAE).
     */
    public static float[] sinCosPositions(int grid, int width) {
        float[] out = new float[grid * grid * width];
        int quarter = width / 4;
        for (int row = 0; row < grid; row++) {
            for (int col = 0; col < grid; col++) {
                int token = row * grid + col;
                for (int i = 0; i < quarter; i++) {
                    double omega = 1.0 / Math.pow(10_000, (double) i / quarter);
                    out[token * width + i] = (float) Math.sin(col * omega);
                    out[token * width + quarter + i] = (float) Math.cos(col * omega);
                    out[token * width + 2 * quarter + i] = (float) Math.sin(row * omega);
                    out[token * width + 3 * quarter + i] = (float) Math.cos(row * omega);
                }
            }
        }
        return out;
    }
}
