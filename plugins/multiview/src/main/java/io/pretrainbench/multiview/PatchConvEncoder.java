package io.pretrainbench.multiview;

import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.nn.Layers;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The two-layer convolutional encoder of Pan et al. (2023, arXiv 2206.03826, Sec. 4, after Allen-Zhu &amp; Li 2020,
 * Sec. 2.4): C kernels w_r ∈ ℝ^d shared over the P patches, and
 *
 * <pre>  h_r(X) = Σ_{p ∈ [P]} ReLU‾(⟨w_r, x_p⟩),   r = 1 … C,</pre>
 *
 * with the smoothed ReLU ReLU‾(z) = 0 for z ≤ 0, z^q / (q·ϱ^{q−1}) for z ∈ [0, ϱ], z − (1 − 1/q)·ϱ for z ≥ ϱ (q ≥ 2,
 * here {@code srelu_power}; ϱ = {@code srelu_threshold}). The polynomial piece near zero is what makes feature learning
 * a "rich get richer" race between features, the mechanism of both papers. Architecture {@value #ARCHITECTURE}; one
 * weight, {@value #KERNEL} of shape [d, C] (column r is w_r). Input [P, d].
 */
public final class PatchConvEncoder implements Encoder {
    public static final String ARCHITECTURE = "multiview-conv";
    public static final String KERNEL = "conv/kernel";

    /** Architecture parameters, the same names and defaults in {@code multiview-mrp} and {@code multiview-scratch}. */
    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer(
                    "kernels", 40, 1, 4096, "number C of convolution kernels w_r (the representation width)"),
            ParameterSpec.integer("srelu_power", 3, 2, 8, "q of the smoothed ReLU (polynomial z^q/(qϱ^(q−1)) below ϱ)"),
            ParameterSpec.real("srelu_threshold", 0.1, 1e-4, 10.0, "ϱ of the smoothed ReLU: linear above it"),
            ParameterSpec.real("init_scale", 0.1, 1e-6, 10.0, "kernels start as w_r ~ N(0, (init_scale²/d)·I)"));

    private final int patches;
    private final int dimension;
    private final int kernels;
    private final int power;
    private final double threshold;
    private final Weights weights;

    private PatchConvEncoder(int patches, int dimension, int power, double threshold, Weights weights) {
        long[] shape = weights.get(KERNEL).shape();
        if (shape.length != 2 || shape[0] != dimension) {
            throw new IllegalArgumentException("multiview-conv kernel has shape " + Arrays.toString(shape)
                    + ", expected [" + dimension + ", kernels]");
        }
        if (power < 2 || !(threshold > 0)) {
            throw new IllegalArgumentException(
                    "smoothed ReLU needs q >= 2 and ϱ > 0, got q=" + power + ", ϱ=" + threshold);
        }
        this.patches = patches;
        this.dimension = dimension;
        this.kernels = Math.toIntExact(shape[1]);
        this.power = power;
        this.threshold = threshold;
        this.weights = weights;
    }

    /**
     * Random kernels w_r ~ N(0, σ₀² I) with σ₀ = init_scale/√d (A&amp;L's Gaussian initialisation), drawn in Java.
     *
     * @param inputShape [P, d]
     */
    static PatchConvEncoder initialise(int[] inputShape, Parameters p, long seed) {
        if (inputShape.length != 2) {
            throw new IllegalArgumentException(
                    "the multiview-conv encoder takes examples of shape [patches, dimension], got "
                            + Arrays.toString(inputShape) + "; use the 'multiview' corpus and task");
        }
        int d = inputShape[1];
        int c = p.getInt("kernels");
        double std = p.getDouble("init_scale") / Math.sqrt(d);
        SplittableRandom random = new SplittableRandom(seed);
        float[] w = new float[d * c];
        for (int i = 0; i < w.length; i++) {
            double u = 1 - random.nextDouble();
            w[i] = (float) (std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return new PatchConvEncoder(
                inputShape[0],
                d,
                p.getInt("srelu_power"),
                p.getDouble("srelu_threshold"),
                new Weights(Map.of(KERNEL, new WeightTensor(new long[] {d, c}, w))));
    }

    /** Rebuilds an encoder from {@link #state()}. */
    static PatchConvEncoder fromState(EncoderState state) {
        if (!ARCHITECTURE.equals(state.architecture())) {
            throw new IllegalArgumentException(
                    "not a " + ARCHITECTURE + " encoder state: architecture '" + state.architecture() + "'");
        }
        return new PatchConvEncoder(
                Integer.parseInt(setting(state, "patches")),
                Integer.parseInt(setting(state, "dimension")),
                Integer.parseInt(setting(state, "srelu_power")),
                Double.parseDouble(setting(state, "srelu_threshold")),
                state.weights());
    }

    private static String setting(EncoderState state, String key) {
        String value = state.config().get(key);
        if (value == null) {
            throw new IllegalArgumentException(ARCHITECTURE + " encoder state lacks setting '" + key + "'; present: "
                    + state.config().keySet());
        }
        return value;
    }

    /** The kernels w_r as rows: [C][d]. */
    double[][] kernelRows() {
        float[] w = weights.get(KERNEL).values();
        double[][] rows = new double[kernels][dimension];
        for (int t = 0; t < dimension; t++) {
            for (int r = 0; r < kernels; r++) {
                rows[r][t] = w[t * kernels + r];
            }
        }
        return rows;
    }

    int kernels() {
        return kernels;
    }

    int dimension() {
        return dimension;
    }

    /** The smoothed ReLU in double precision, for tests and for readers of the formula. */
    static double smoothedRelu(double z, int q, double rho) {
        if (z <= 0) {
            return 0;
        }
        return z <= rho ? Math.pow(z, q) / (q * Math.pow(rho, q - 1)) : z - (1 - 1.0 / q) * rho;
    }

    /**
     * ReLU‾ as graph ops whose gradients TensorFlow's C++ API defines: with c = min(relu(z), ϱ), ReLU‾(z) =
     * c^q/(qϱ^{q−1}) + relu(z − ϱ), which equals each piece of the definition; c^q by repeated products, not Pow, whose
     * gradient takes log(0) at c = 0.
     */
    static Operand<TFloat32> smoothedRelu(Ops tf, Operand<TFloat32> z, int q, double rho) {
        Operand<TFloat32> c = tf.math.minimum(tf.nn.relu(z), tf.constant((float) rho));
        Operand<TFloat32> power = c;
        for (int i = 1; i < q; i++) {
            power = tf.math.mul(power, c);
        }
        Operand<TFloat32> low = tf.math.mul(power, tf.constant((float) (1 / (q * Math.pow(rho, q - 1)))));
        return tf.math.add(low, tf.nn.relu(tf.math.sub(z, tf.constant((float) rho))));
    }

    @Override
    public int[] inputShape() {
        return new int[] {patches, dimension};
    }

    @Override
    public int featureDim() {
        return kernels;
    }

    @Override
    public EncoderState state() {
        Map<String, String> config = new TreeMap<>();
        config.put("patches", Integer.toString(patches));
        config.put("dimension", Integer.toString(dimension));
        config.put("srelu_power", Integer.toString(power));
        // Double.toString round-trips exactly, so a restored encoder computes bit-identical features.
        config.put("srelu_threshold", Double.toString(threshold));
        return new EncoderState(ARCHITECTURE, config, weights);
    }

    @Override
    public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
        Map<String, Variable<TFloat32>> variables = new TreeMap<>();
        Operand<TFloat32> w = Layers.weight(tf, weights, KERNEL, mode, variables);
        // ⟨w_r, x_p⟩ for every patch: [batch·P, d] · [d, C], then ReLU‾ and the sum over patches.
        Operand<TFloat32> flat = tf.reshape(input, tf.constant(new long[] {-1, dimension}));
        Operand<TFloat32> activations = smoothedRelu(tf, tf.linalg.matMul(flat, w), power, threshold);
        Operand<TFloat32> perPatch = tf.reshape(activations, tf.constant(new long[] {-1, patches, kernels}));
        return new EncoderGraph(tf.sum(perPatch, tf.constant(1)), variables);
    }

    @Override
    public PatchConvEncoder withWeights(Weights newWeights) {
        return new PatchConvEncoder(patches, dimension, power, threshold, newWeights);
    }
}
