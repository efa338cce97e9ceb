package io.pretrainbench.tck;

import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A fixed random-projection encoder, {@code ReLU(flatten(x) · W)}, written with TensorFlow ops so that the kit depends
 * on the SPI only. Its one weight is {@code w [inputSize, features]}; the input shape travels in the state's config, so
 * {@link #restore} rebuilds it exactly.
 */
public final class TckEncoder implements Encoder {
    /** The architecture name in {@link #state()}. */
    public static final String ARCHITECTURE = "tck-projection";

    private final int[] inputShape;
    private final Weights weights;

    private TckEncoder(int[] inputShape, Weights weights) {
        this.inputShape = inputShape.clone();
        this.weights = weights;
    }

    public static TckEncoder random(int[] inputShape, int features, long seed) {
        int in = 1;
        for (int d : inputShape) {
            in *= d;
        }
        Random random = new Random(seed);
        float[] w = new float[in * features];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() / Math.sqrt(in));
        }
        return new TckEncoder(inputShape, new Weights(Map.of("w", new WeightTensor(new long[] {in, features}, w))));
    }

    /**
     * Rebuilds an encoder from {@link #state()}.
     *
     * @throws IllegalArgumentException if the state is not a {@value #ARCHITECTURE} state
     */
    public static TckEncoder restore(EncoderState state) {
        if (!ARCHITECTURE.equals(state.architecture()) || !state.config().containsKey("input_shape")) {
            throw new IllegalArgumentException("not a " + ARCHITECTURE + " encoder state: architecture '"
                    + state.architecture() + "', config " + state.config());
        }
        int[] shape = Arrays.stream(state.config().get("input_shape").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        return new TckEncoder(shape, state.weights());
    }

    @Override
    public int[] inputShape() {
        return inputShape.clone();
    }

    @Override
    public int featureDim() {
        return (int) weights.get("w").shape()[1];
    }

    @Override
    public EncoderState state() {
        String shape = Arrays.stream(inputShape).mapToObj(Integer::toString).collect(Collectors.joining(","));
        return new EncoderState(ARCHITECTURE, Map.of("input_shape", shape), weights);
    }

    @Override
    public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
        WeightTensor t = weights.get("w");
        Operand<TFloat32> w = tf.constant(Shape.of(t.shape()), DataBuffers.of(t.values(), true, false));
        Map<String, Variable<TFloat32>> variables = Map.of();
        if (mode == EncoderMode.TRAINABLE) {
            Variable<TFloat32> v = tf.variable(w);
            variables = Map.of("w", v);
            w = v;
        }
        Operand<TFloat32> flat = tf.reshape(input, tf.constant(new long[] {-1, t.shape()[0]}));
        return new EncoderGraph(tf.nn.relu(tf.linalg.matMul(flat, w)), variables);
    }

    @Override
    public Encoder withWeights(Weights newWeights) {
        return new TckEncoder(inputShape, newWeights);
    }
}
