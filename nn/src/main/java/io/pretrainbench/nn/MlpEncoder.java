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
 * A multi-layer perceptron encoder: the example is flattened, then each hidden layer applies {@code ReLU(x · kernel +
 * bias)}; the last hidden layer is the representation. Architecture {@code mlp}; weights {@code layer<i>/kernel} and
 * {@code layer<i>/bias}.
 */
public final class MlpEncoder implements Encoder {
    public static final String ARCHITECTURE = "mlp";

    private final int[] inputShape;
    private final List<Integer> hidden;
    private final Weights weights;
    private final InputNormalisation normalisation;

    private MlpEncoder(int[] inputShape, List<Integer> hidden, Weights weights, InputNormalisation normalisation) {
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("an mlp encoder needs at least one hidden layer");
        }
        this.inputShape = inputShape.clone();
        this.hidden = List.copyOf(hidden);
        this.weights = weights;
        this.normalisation = normalisation;
        long fanIn = inputSize();
        for (int i = 0; i < hidden.size(); i++) {
            long[] expected = {fanIn, hidden.get(i)};
            long[] actual = weights.get(kernel(i)).shape();
            if (!Arrays.equals(expected, actual)) {
                throw new IllegalArgumentException("mlp layer " + i + " kernel has shape " + Arrays.toString(actual)
                        + ", expected " + Arrays.toString(expected));
            }
            long[] bias = weights.get(bias(i)).shape();
            if (!Arrays.equals(new long[] {hidden.get(i)}, bias)) {
                throw new IllegalArgumentException("mlp layer " + i + " bias has shape " + Arrays.toString(bias)
                        + ", expected [" + hidden.get(i) + "]");
            }
            fanIn = hidden.get(i);
        }
    }

    /** A randomly initialised encoder (He-uniform kernels, zero biases), the same for the same seed. */
    public static MlpEncoder initialise(int[] inputShape, List<Integer> hidden, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, WeightTensor> w = new LinkedHashMap<>();
        long fanIn = Arrays.stream(inputShape).asLongStream().reduce(1, (a, b) -> a * b);
        for (int i = 0; i < hidden.size(); i++) {
            w.put(kernel(i), Initializers.heUniform(random, fanIn, hidden.get(i)));
            w.put(bias(i), Initializers.zeros(hidden.get(i)));
            fanIn = hidden.get(i);
        }
        return new MlpEncoder(inputShape, hidden, new Weights(w), InputNormalisation.NONE);
    }

    /** Rebuilds an encoder from {@link #state()}. */
    public static MlpEncoder fromState(EncoderState state) {
        if (!ARCHITECTURE.equals(state.architecture())) {
            throw new IllegalArgumentException("not an mlp encoder state: architecture '" + state.architecture() + "'");
        }
        return new MlpEncoder(
                Architecture.parseShape(setting(state, "input_shape")),
                Architecture.parseHidden("hidden", setting(state, "hidden")),
                state.weights(),
                InputNormalisation.from(state.config()));
    }

    private static String setting(EncoderState state, String key) {
        String value = state.config().get(key);
        if (value == null) {
            throw new IllegalArgumentException("mlp encoder state lacks setting '" + key + "'; present: "
                    + state.config().keySet());
        }
        return value;
    }

    static String kernel(int layer) {
        return "layer" + layer + "/kernel";
    }

    static String bias(int layer) {
        return "layer" + layer + "/bias";
    }

    public long inputSize() {
        return Arrays.stream(inputShape).asLongStream().reduce(1, (a, b) -> a * b);
    }

    public List<Integer> hidden() {
        return hidden;
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int featureDim() {
        return hidden.get(hidden.size() - 1);
    }

    @Override
    public EncoderState state() {
        Map<String, String> config = new TreeMap<>();
        config.put(
                "input_shape",
                Architecture.formatList(Arrays.stream(inputShape).boxed().toList()));
        config.put("hidden", Architecture.formatList(hidden));
        normalisation.addTo(config);
        return new EncoderState(ARCHITECTURE, config, weights);
    }

    @Override
    public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
        Map<String, Variable<TFloat32>> variables = new TreeMap<>();
        Operand<TFloat32> x = Layers.flatten(tf, normalisation.apply(tf, input), inputSize());
        for (int i = 0; i < hidden.size(); i++) {
            x = tf.nn.relu(Layers.dense(
                    tf,
                    x,
                    Layers.weight(tf, weights, kernel(i), mode, variables),
                    Layers.weight(tf, weights, bias(i), mode, variables)));
        }
        return new EncoderGraph(x, variables);
    }

    @Override
    public MlpEncoder withWeights(Weights newWeights) {
        return new MlpEncoder(inputShape, hidden, newWeights, normalisation);
    }

    /** The same encoder normalising its inputs with {@code inputs} first. */
    public MlpEncoder withNormalisation(InputNormalisation inputs) {
        return new MlpEncoder(inputShape, hidden, weights, inputs);
    }
}
