package io.pretrainbench.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.nn.VitEncoder;
import org.junit.jupiter.api.Test;

class StepFlopsTest {
    @Test
    void theDefaultMaeStepCostsThreeTimesItsForwardMatmuls() {
        // By hand: embedding 49·16·64·2 = 100 352; per encoder block on 12 tokens 16·12·64² + 4·12²·64 = 823 296 (×4);
        // decoder embedding 12·64·64·2 = 98 304; one decoder block on 49 tokens 16·49·64² + 4·49²·64 = 3 825 920;
        // pixel head 49·64·16·2 = 100 352. Forward 7 418 112.
        long forward = 100_352 + 4 * 823_296 + 98_304 + 3_825_920 + 100_352;

        assertThat(StepFlops.maeStepPerImage(VitStepBenchmark.DEFAULT_VIT, 12, 64, 1))
                .isEqualTo(3 * forward)
                .isEqualTo(22_254_336);
    }

    @Test
    void moreVisibleTokensCostMoreOnlyInTheEncoder() {
        VitEncoder.Config config = VitStepBenchmark.DEFAULT_VIT;
        long extra = StepFlops.maeStepPerImage(config, 13, 64, 1) - StepFlops.maeStepPerImage(config, 12, 64, 1);

        long perEncoderBlock = StepFlops.block(13, 64, 2) - StepFlops.block(12, 64, 2);
        assertThat(extra).isEqualTo(3 * (config.depth() * perEncoderBlock + 64 * 64 * 2));
    }

    @Test
    void aSquareMatmulIsTwoFlopsPerMultiplyAdd() {
        assertThat(StepFlops.matMul(2048)).isEqualTo(2L * 2048 * 2048 * 2048);
    }
}
