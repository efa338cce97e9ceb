package io.pretrainbench.nn;

import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A convolutional encoder: 3×3 convolutions with stride 2 and SAME padding, each followed by a ReLU, one per entry of
 * {@code channels}; the representation is the global average of the last feature map. Architecture {@code cnn}; weights
 * {@code conv<i>/kernel [3, 3, in, out]} and {@code conv<i>/bias}.
 */
public final class CnnEncoder implements Encoder {
    public static final String ARCHITECTURE = "cnn";
    private static final int KERNEL = 3;

    private final int[] inputShape;
    private final List<Integer> channels;
    private final Weights weights;
    private final InputNormalisation normalisation;

    private CnnEncoder(int[] inputShape, List<Integer> channels, Weights weights, InputNormalisation normalisation) {
        this.inputShape = inputShape.clone();
        this.channels = List.copyOf(channels);
        this.weights = weights;
        this.normalisation = normalisation;
    }

    public static CnnEncoder initialise(int[] inputShape, List<Integer> channels, long seed) {
        if (inputShape.length != 3) {
            throw new IllegalArgumentException(
                    "cnn needs images [height, width, channels], got " + Arrays.toString(inputShape));
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, WeightTensor> w = new LinkedHashMap<>();
        int in = inputShape[2];
        for (int i = 0; i < channels.size(); i++) {
            int out = channels.get(i);
            WeightTensor flat = Initializers.heUniform(random, (long) KERNEL * KERNEL * in, out);
            w.put("conv" + i + "/kernel", new WeightTensor(new long[] {KERNEL, KERNEL, in, out}, flat.values()));
            w.put("conv" + i + "/bias", Initializers.zeros(out));
            in = out;
        }
        return new CnnEncoder(inputShape, channels, new Weights(w), InputNormalisation.NONE);
    }

    public static CnnEncoder fromState(EncoderState state) {
        if (!ARCHITECTURE.equals(state.architecture())) {
            throw new IllegalArgumentException("not a cnn encoder state: architecture '" + state.architecture() + "'");
        }
        return new CnnEncoder(
                Architecture.parseShape(state.config().get("input_shape")),
                Architecture.parseHidden("channels", state.config().get("channels")),
                state.weights(),
                InputNormalisation.from(state.config()));
    }

    public Weights weights() {
        return weights;
    }

    /**
     * Values in one image's last feature map, height × width × channels: each stride-2 SAME convolution halves the
     * height and the width, rounding up.
     */
    public int mapSize() {
        int height = inputShape[0];
        int width = inputShape[1];
        for (int i = 0; i < channels.size(); i++) {
            height = (height + 1) / 2;
            width = (width + 1) / 2;
        }
        return height * width * mapChannels();
    }

    public int mapChannels() {
        return channels.get(channels.size() - 1);
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int featureDim() {
        return mapChannels();
    }

    @Override
    public EncoderState state() {
        Map<String, String> config = new TreeMap<>();
        config.put(
                "input_shape",
                Architecture.formatList(Arrays.stream(inputShape).boxed().toList()));
        config.put("channels", Architecture.formatList(channels));
        normalisation.addTo(config);
        return new EncoderState(ARCHITECTURE, config, weights);
    }

    @Override
    public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
        Map<String, Variable<TFloat32>> variables = new TreeMap<>();
        Operand<TFloat32> map = featureMap(new Transformer.Scope(tf, weights, mode, variables), input);
        return new EncoderGraph(tf.math.mean(map, tf.constant(new int[] {1, 2})), variables);
    }

    /**
     * The last feature map, {@code [B, height, width, channels]}, for decoders that need the spatial layout; the input
     * is normalised first, as in {@link #build}.
     */
    public Operand<TFloat32> featureMap(Transformer.Scope s, Operand<TFloat32> input) {
        Ops tf = s.tf();
        Operand<TFloat32> x = normalisation.apply(tf, input);
        for (int i = 0; i < channels.size(); i++) {
            x = tf.nn.conv2d(x, s.w("conv" + i + "/kernel"), List.of(1L, 2L, 2L, 1L), "SAME");
            x = tf.nn.relu(tf.math.add(x, s.w("conv" + i + "/bias")));
        }
        return x;
    }

    @Override
    public CnnEncoder withWeights(Weights newWeights) {
        return new CnnEncoder(inputShape, channels, newWeights, normalisation);
    }

    /** The same encoder normalising its inputs with {@code inputs} first. */
    public CnnEncoder withNormalisation(InputNormalisation inputs) {
        return new CnnEncoder(inputShape, channels, weights, inputs);
    }
}
