package io.pretrainbench.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.tck.BoundEstimatorContract;
import io.pretrainbench.tck.TckEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathNormTest extends BoundEstimatorContract<PathNorm> {
    @Override
    protected PathNorm plugin() {
        return new PathNorm();
    }

    /**
     * Encoder W = [[1, 2], [3, 0]], head H = [[1, 1], [2, 0]], b = (1, 2). By hand, Σ_paths Π w²: the input-to-hidden
     * squares sum per hidden unit to (1 + 9, 4 + 0) = (10, 4); through H²: output 0 gets 10·1 + 4·4 = 26, output 1 gets
     * 10·1 + 4·0 = 10; total 36 without biases, 36 + 1 + 4 = 41 with the head's bias paths.
     */
    private EstimationContext handCell(Map<String, Object> params) {
        TckEncoder encoder = HandCells.encoder(2, 1, 2, 3, 0);
        return HandCells.cell(
                encoder,
                encoder,
                HandCells.linear(2, 2, new float[] {1, 1, 2, 0}, new float[] {1, 2}),
                new float[] {1, 0, 0, 1},
                new int[] {0, 1},
                2,
                plugin().descriptor().resolve(params),
                List.of());
    }

    @Test
    void theNetworksPathNormMatchesTheHandCount() {
        BoundEstimate e = plugin().estimate(handCell(Map.of("biases", false)));
        assertThat(e.components().get("path_norm_squared")).isCloseTo(36, within(1e-12));
        assertThat(e.value()).isCloseTo(6, within(1e-12));
        assertThat(e.components().get("layers")).isEqualTo(2.0);
        assertThat(plugin().estimate(handCell(Map.of())).components().get("path_norm_squared"))
                .isCloseTo(41, within(1e-12));
    }

    @Test
    void theHeadsPathNormIsItsFrobeniusNormWithTheBias() {
        BoundEstimate e = plugin().estimate(handCell(Map.of("scope", "head")));
        assertThat(e.value()).isCloseTo(Math.sqrt(1 + 1 + 4 + 0 + 1 + 4), within(1e-12));
        assertThat(e.components().get("head_path_norm")).isEqualTo(e.value());
    }

    @Test
    void anMlpsBiasesOpenPathsFromEveryLayer() {
        // mlp 1 → 2 → 1: kernel [[2, 1]], bias (1, 0); then [[3], [1]], bias (2); head [[1]], bias (0).
        // Forward pass of squares from input 1: hidden (4 + 1, 1 + 0) = (5, 1); next 5·9 + 1·1 + 4 = 50; head 50.
        EncoderState mlp = new EncoderState(
                "mlp",
                Map.of("hidden", "2,1", "input_shape", "1"),
                new Weights(Map.of(
                        "layer0/kernel", new WeightTensor(new long[] {1, 2}, new float[] {2, 1}),
                        "layer0/bias", new WeightTensor(new long[] {2}, new float[] {1, 0}),
                        "layer1/kernel", new WeightTensor(new long[] {2, 1}, new float[] {3, 1}),
                        "layer1/bias", new WeightTensor(new long[] {1}, new float[] {2}))));
        DenseChain chain = DenseChain.of(mlp, "path-norm");
        FittedHead head = new FittedHead(1, 1, new float[] {1}, new float[] {0});
        assertThat(chain.pathNormSquared(head, true)).isCloseTo(50, within(1e-12));
        assertThat(chain.pathNormSquared(head, false)).isCloseTo(4 * 9 + 1 * 1, within(1e-12));
    }

    @Test
    void anEncoderThatIsNoDenseChainIsRefusedWithTheReason() {
        EncoderState cnn = new EncoderState("cnn", Map.of(), new Weights(Map.of()));
        assertThatThrownBy(() -> DenseChain.of(cnn, "path-norm"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("path-norm needs an encoder that is a chain of dense ReLU layers")
                .hasMessageContaining("got 'cnn'");
    }
}
