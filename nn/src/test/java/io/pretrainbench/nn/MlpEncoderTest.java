package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.tck.TckData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class MlpEncoderTest {
    private static final Compute COMPUTE = Compute.cpu(1);
    private static final int[] SHAPE = {28, 28, 1};

    @Test
    void flattensAndAppliesReluLayersExactlyAsWrittenOut() {
        MlpEncoder encoder = MlpEncoder.initialise(SHAPE, List.of(16, 8), 3);
        Examples images = TckData.images(5, 2, 1);
        FeatureMatrix features = EncoderFeatures.compute(encoder, images, COMPUTE, 2);

        assertThat(features.columns()).isEqualTo(8).isEqualTo(encoder.featureDim());
        float[] x = new float[784];
        for (int i = 0; i < images.count(); i++) {
            images.copyRow(i, x, 0);
            double[] h = relu(x, encoder.state().weights(), 0, 784, 16);
            double[] out = relu(toFloats(h), encoder.state().weights(), 1, 16, 8);
            for (int j = 0; j < 8; j++) {
                assertThat((double) features.get(i, j)).isCloseTo(out[j], within(1e-4));
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameEncoderAndTheStateRebuildsIt() {
        MlpEncoder encoder = MlpEncoder.initialise(SHAPE, List.of(32, 16), 9);
        EncoderState state = encoder.state();

        assertThat(state.architecture()).isEqualTo("mlp");
        assertThat(state.config()).containsEntry("input_shape", "28,28,1").containsEntry("hidden", "32,16");
        assertThat(state.weights().tensors().keySet())
                .containsExactly("layer0/bias", "layer0/kernel", "layer1/bias", "layer1/kernel");
        assertThat(MlpEncoder.initialise(SHAPE, List.of(32, 16), 9).state()).isEqualTo(state);
        MlpEncoder rebuilt = MlpEncoder.fromState(state);
        assertThat(rebuilt.state()).isEqualTo(state);
        Examples images = TckData.images(7, 3, 2);
        assertThat(EncoderFeatures.compute(rebuilt, images, COMPUTE, 4).values())
                .isEqualTo(EncoderFeatures.compute(encoder, images, COMPUTE, 4).values());
    }

    @Test
    void trainableModeExposesVariablesUnderTheWeightNamesInitialisedFromTheState() {
        MlpEncoder encoder = MlpEncoder.initialise(SHAPE, List.of(12, 6), 4);
        Examples images = TckData.images(3, 3, 3);
        float[] batch = new float[3 * 784];
        for (int i = 0; i < 3; i++) {
            images.copyRow(i, batch, i * 784);
        }
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, COMPUTE)) {
            Ops tf = Sessions.ops(graph, COMPUTE);
            Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
            EncoderGraph trainable = encoder.build(tf, input, EncoderMode.TRAINABLE);
            EncoderGraph frozen = encoder.build(tf, input, EncoderMode.FROZEN);
            session.initialize();

            assertThat(frozen.variables()).isEmpty();
            assertThat(trainable.variables().keySet())
                    .isEqualTo(encoder.state().weights().tensors().keySet());
            assertThat(Sessions.read(session, trainable.variables()))
                    .isEqualTo(encoder.state().weights());
            try (TFloat32 x = Sessions.floats(batch, 3, 28, 28, 1);
                    Result r = session.runner()
                            .feed(input, x)
                            .fetch(trainable.features())
                            .fetch(frozen.features())
                            .run()) {
                assertThat(Sessions.toWeight((TFloat32) r.get(0))).isEqualTo(Sessions.toWeight((TFloat32) r.get(1)));
            }
        }
    }

    @Test
    void withWeightsKeepsTheArchitectureAndChecksTheShapes() {
        MlpEncoder encoder = MlpEncoder.initialise(SHAPE, List.of(8), 1);
        MlpEncoder other = encoder.withWeights(
                MlpEncoder.initialise(SHAPE, List.of(8), 2).state().weights());
        assertThat(other.hidden()).containsExactly(8);
        assertThat(other.state().weights()).isNotEqualTo(encoder.state().weights());

        Map<String, WeightTensor> wrong =
                new HashMap<>(encoder.state().weights().tensors());
        wrong.put("layer0/kernel", Initializers.zeros(784, 9));
        assertThatThrownBy(() -> encoder.withWeights(new Weights(wrong)))
                .hasMessageContaining("layer 0 kernel")
                .hasMessageContaining("[784, 9]")
                .hasMessageContaining("[784, 8]");
        wrong.remove("layer0/kernel");
        assertThatThrownBy(() -> encoder.withWeights(new Weights(wrong))).hasMessageContaining("layer0/kernel");
    }

    @Test
    void aStateOfAnotherArchitectureOrWithoutSettingsIsRefusedClearly() {
        EncoderState state = MlpEncoder.initialise(SHAPE, List.of(8), 1).state();
        assertThatThrownBy(() -> MlpEncoder.fromState(new EncoderState("vit", state.config(), state.weights())))
                .hasMessageContaining("not an mlp encoder state")
                .hasMessageContaining("'vit'");
        assertThatThrownBy(() -> MlpEncoder.fromState(new EncoderState("mlp", Map.of("hidden", "8"), state.weights())))
                .hasMessageContaining("lacks setting 'input_shape'");
    }

    /** ReLU(x · kernel + bias) of layer {@code layer}, in double precision. */
    private static double[] relu(float[] x, Weights w, int layer, int in, int out) {
        float[] kernel = w.get("layer" + layer + "/kernel").values();
        float[] bias = w.get("layer" + layer + "/bias").values();
        double[] y = new double[out];
        for (int j = 0; j < out; j++) {
            double z = bias[j];
            for (int i = 0; i < in; i++) {
                z += (double) x[i] * kernel[i * out + j];
            }
            y[j] = Math.max(0, z);
        }
        return y;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
