package io.pretrainbench.multiview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class PatchConvEncoderTest {
    @Test
    void smoothedReluHasThePapersThreePieces() {
        // q = 3, ϱ = 0.5: 0 below 0, z³/(3·0.25) on [0, 0.5], z − (2/3)·0.5 above; continuous at ϱ (both 1/6).
        assertThat(PatchConvEncoder.smoothedRelu(-1, 3, 0.5)).isZero();
        assertThat(PatchConvEncoder.smoothedRelu(0.25, 3, 0.5)).isCloseTo(0.015625 / 0.75, within(1e-15));
        assertThat(PatchConvEncoder.smoothedRelu(0.5, 3, 0.5)).isCloseTo(1 / 6.0, within(1e-15));
        assertThat(PatchConvEncoder.smoothedRelu(2, 3, 0.5)).isCloseTo(2 - 1 / 3.0, within(1e-15));
    }

    @Test
    void theGraphsSmoothedReluAndItsGradientMatchTheFormula() {
        float[] z = {-1f, 0f, 0.1f, 0.25f, 0.49f, 0.5f, 0.7f, 3f};
        try (Graph g = new Graph();
                Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Operand<TFloat32> in = tf.constant(z);
            Operand<TFloat32> out = PatchConvEncoder.smoothedRelu(tf, in, 3, 0.5);
            var grad = tf.gradients(tf.sum(out, tf.constant(0)), java.util.List.of(in));
            try (var r = s.runner().fetch(out).fetch(grad.dy(0)).run()) {
                TFloat32 values = (TFloat32) r.get(0);
                TFloat32 slopes = (TFloat32) r.get(1);
                for (int i = 0; i < z.length; i++) {
                    assertThat((double) values.getFloat(i))
                            .as("ReLU‾(%s)", z[i])
                            .isCloseTo(PatchConvEncoder.smoothedRelu(z[i], 3, 0.5), within(1e-6));
                    double slope = z[i] <= 0 ? 0 : z[i] < 0.5 ? z[i] * z[i] / 0.25 : 1;
                    assertThat((double) slopes.getFloat(i))
                            .as("ReLU‾'(%s)", z[i])
                            .isCloseTo(slope, within(1e-5));
                }
            }
        }
    }

    @Test
    void featuresAreTheSumOverPatchesOfTheSmoothedReluOfEachKernelsCorrelation() {
        // d = 2, P = 3, kernels w_0 = (1, 0), w_1 = (0, 2); q = 2, ϱ = 1: ReLU‾(z) = z²/2 on [0,1], z − 1/2 above.
        float[] kernel = {1, 0, 0, 2}; // [d, C] row-major: row t holds (w_0[t], w_1[t])
        PatchConvEncoder encoder = PatchConvEncoder.fromState(new EncoderState(
                PatchConvEncoder.ARCHITECTURE,
                Map.of("patches", "3", "dimension", "2", "srelu_power", "2", "srelu_threshold", "1.0"),
                new Weights(Map.of(PatchConvEncoder.KERNEL, new WeightTensor(new long[] {2, 2}, kernel)))));
        // Patches (0.5, 0), (3, 0.25), (−1, 1): ⟨w_0, x_p⟩ = 0.5, 3, −1; ⟨w_1, x_p⟩ = 0, 0.5, 2.
        Examples x = Examples.unlabelled(new float[] {0.5f, 0, 3, 0.25f, -1, 1}, 3, 2);
        FeatureMatrix h = EncoderFeatures.compute(encoder, x, Compute.cpu(1), 4);
        assertThat((double) h.get(0, 0)).isCloseTo(0.125 + 2.5 + 0, within(1e-6));
        assertThat((double) h.get(0, 1)).isCloseTo(0 + 0.125 + 1.5, within(1e-6));
        assertThat(encoder.kernelRows()[1]).containsExactly(0, 2);
    }

    @Test
    void examplesThatAreNotPatchesByDimensionAreRefused() {
        var params = new MultiViewScratch().descriptor().defaults();
        assertThatThrownBy(() -> PatchConvEncoder.initialise(new int[] {28, 28, 1}, params, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[patches, dimension]")
                .hasMessageContaining("multiview");
    }

    @Test
    void otherArchitecturesStatesAreRefused() {
        assertThatThrownBy(() -> PatchConvEncoder.fromState(new EncoderState("mlp", Map.of(), new Weights(Map.of()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mlp");
    }
}
