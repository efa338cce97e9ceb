package io.pretrainbench.nn;

import io.pretrainbench.api.data.Examples;
import java.util.Arrays;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Per-channel input normalisation, {@code (x - mean[c]) / std[c]}, with statistics computed from the pre-training
 * corpus. It is part of an encoder: stored in its {@link io.pretrainbench.api.model.EncoderState} config and applied as
 * the first op of its forward pass, so the pre-training method, every protocol, k-NN and every estimator that runs the
 * encoder see the same inputs, and a restored encoder normalises exactly as the one that was trained.
 *
 * <p>{@link #NONE} adds no op at all, so an encoder without normalisation builds the graph it built before.
 */
public final class InputNormalisation {
    /** No normalisation: inputs reach the encoder as stored. */
    public static final InputNormalisation NONE = new InputNormalisation(new float[0], new float[0]);

    static final String MEAN = "input_mean";
    static final String STD = "input_std";

    private final float[] mean;
    private final float[] std;

    private InputNormalisation(float[] mean, float[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * The mean and the (population) standard deviation of each channel over every pixel of every example; channels are
     * the innermost dimension of the example shape. A channel with no spread keeps a divisor of 1, so it maps to 0.
     */
    public static InputNormalisation perChannel(Examples corpus) {
        int[] shape = corpus.shape();
        int channels = shape[shape.length - 1];
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        float[] row = new float[corpus.exampleSize()];
        for (int i = 0; i < corpus.count(); i++) {
            corpus.copyRow(i, row, 0);
            for (int pixel = 0; pixel < row.length; pixel += channels) {
                for (int c = 0; c < channels; c++) {
                    double v = row[pixel + c];
                    sum[c] += v;
                    squares[c] += v * v;
                }
            }
        }
        double values = (double) corpus.count() * (corpus.exampleSize() / channels);
        float[] mean = new float[channels];
        float[] std = new float[channels];
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / values;
            double deviation = Math.sqrt(Math.max(0, squares[c] / values - m * m));
            mean[c] = (float) m;
            std[c] = deviation > 0 ? (float) deviation : 1f;
        }
        return new InputNormalisation(mean, std);
    }

    /** What {@link #addTo} stored in an encoder's config, or {@link #NONE} when it stored nothing. */
    public static InputNormalisation from(Map<String, String> config) {
        if (!config.containsKey(MEAN)) {
            return NONE;
        }
        float[] mean = parse(config.get(MEAN));
        float[] std = parse(config.get(STD));
        if (mean.length != std.length) {
            throw new IllegalArgumentException(
                    "encoder state has " + mean.length + " channel means but " + std.length + " standard deviations");
        }
        return new InputNormalisation(mean, std);
    }

    private static float[] parse(String values) {
        if (values == null) {
            throw new IllegalArgumentException("encoder state has '" + MEAN + "' without '" + STD + "'");
        }
        String[] parts = values.split(",", -1);
        float[] parsed = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            parsed[i] = Float.parseFloat(parts[i]);
        }
        return parsed;
    }

    /**
     * Adds the statistics to an encoder's config (nothing for {@link #NONE}); {@link Float#toString} round-trips every
     * float exactly, so the restored encoder computes what the saved one did.
     */
    public void addTo(Map<String, String> config) {
        if (this != NONE) {
            config.put(MEAN, format(mean));
            config.put(STD, format(std));
        }
    }

    private static String format(float[] values) {
        StringBuilder s = new StringBuilder();
        for (float v : values) {
            s.append(s.length() == 0 ? "" : ",").append(Float.toString(v));
        }
        return s.toString();
    }

    /** The per-channel means. */
    public float[] mean() {
        return mean.clone();
    }

    /** The per-channel standard deviations (1 for a channel with no spread). */
    public float[] std() {
        return std.clone();
    }

    /**
     * {@code images} normalised, same shape, channels innermost (any rank, flattened rows included); {@code images}
     * itself for {@link #NONE}.
     */
    public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> images) {
        if (this == NONE) {
            return images;
        }
        Operand<TFloat32> perChannel = tf.reshape(images, tf.constant(new long[] {-1, mean.length}));
        Operand<TFloat32> normalised = tf.math.div(tf.math.sub(perChannel, constant(tf, mean)), constant(tf, std));
        return tf.reshape(normalised, tf.shape(images));
    }

    private static Operand<TFloat32> constant(Ops tf, float[] values) {
        return tf.constant(Shape.of(values.length), DataBuffers.of(values, true, false));
    }

    @Override
    public String toString() {
        return this == NONE ? "none" : "mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std);
    }
}
