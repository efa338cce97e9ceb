package io.pretrainbench.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.tck.BoundEstimatorContract;
import io.pretrainbench.tck.TckEncoder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamNormTest extends BoundEstimatorContract<ParamNorm> {
    @Override
    protected ParamNorm plugin() {
        return new ParamNorm();
    }

    /**
     * Encoder W = [[3, 0], [0, 4]] (‖W‖_F = 5), fine-tuned from [[3, 0], [0, 1]]; head [[1, 2], [2, 0]] (‖·‖_F = 3).
     */
    private EstimationContext handCell(String measure) {
        TckEncoder tuned = HandCells.encoder(2, 3, 0, 0, 4);
        TckEncoder pretrained = HandCells.encoder(2, 3, 0, 0, 1);
        return HandCells.cell(
                tuned,
                pretrained,
                HandCells.linear(2, 2, new float[] {1, 2, 2, 0}, new float[] {7, 7}),
                new float[] {1, 0, 0, 1},
                new int[] {0, 1},
                2,
                plugin().descriptor().resolve(Map.of("measure", measure)),
                List.of());
    }

    @Test
    void normsAreThoseOfTheKernelsWithBiasesLeftOut() {
        BoundEstimate e = plugin().estimate(handCell("log_product"));
        Map<String, Double> c = e.components();
        assertThat(c.get("matrices")).isEqualTo(2.0);
        assertThat(e.value()).isEqualTo(c.get("log_product")).isCloseTo(Math.log(25) + Math.log(9), within(1e-12));
        assertThat(c.get("product")).isCloseTo(15, within(1e-9));
        assertThat(c.get("sum")).isCloseTo(8, within(1e-12));
        assertThat(c.get("sum_of_squares")).isCloseTo(34, within(1e-12));
        // Only W[1][1] moved, from 1 to 4.
        assertThat(c.get("distance")).isCloseTo(3, within(1e-12));
        assertThat(plugin().estimate(handCell("distance")).value()).isCloseTo(3, within(1e-12));
        assertThat(plugin().estimate(handCell("product")).value()).isCloseTo(15, within(1e-9));
    }

    @Test
    void aFrozenEncoderIsAtDistanceZeroFromItsInitialisation() {
        assertThat(plugin().estimate(context(1)).components().get("distance")).isZero();
    }

    @Test
    void anAllZeroMatrixLeavesOnlyTheFiniteMeasures() {
        TckEncoder zero = HandCells.encoder(2, 0, 0, 0, 0);
        EstimationContext cell = HandCells.cell(
                zero,
                zero,
                HandCells.linear(2, 2, new float[] {1, 0, 0, 1}, new float[] {0, 0}),
                new float[] {1, 0, 0, 1},
                new int[] {0, 1},
                2,
                plugin().descriptor().resolve(Map.of("measure", "sum")),
                List.of());
        assertThat(plugin().estimate(cell).value()).isCloseTo(Math.sqrt(2), within(1e-12));
        EstimationContext logProduct = EstimationContext.builder()
                .encoder(cell.encoder())
                .head(cell.head())
                .train(cell.train())
                .trainFeatures(cell.trainFeatures())
                .numClasses(2)
                .metrics(cell.metrics())
                .params(plugin().descriptor().resolve(Map.of()))
                .build();
        assertThatThrownBy(() -> plugin().estimate(logProduct))
                .hasMessageContaining("measure 'log_product' is not finite");
    }
}
