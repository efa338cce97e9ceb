package io.pretrainbench.multiview;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.tck.PretrainingMethodContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiViewScratchTest extends PretrainingMethodContract<MultiViewScratch> {
    @Override
    protected MultiViewScratch plugin() {
        return new MultiViewScratch();
    }

    @Override
    protected Examples corpus() {
        return SmallMultiView.corpus(64, 0);
    }

    @Override
    protected boolean trains() {
        return false;
    }

    @Test
    void kernelsAreGaussianWithStandardDeviationInitScaleOverRootD() {
        var params = plugin().descriptor().resolve(Map.of("kernels", 500L, "init_scale", 2.0));
        Encoder encoder = plugin().pretrain(PretrainingContext.builder()
                .corpus(corpus())
                .params(params)
                .seed(4)
                .build());
        float[] w = encoder.state().weights().get(PatchConvEncoder.KERNEL).values();
        assertThat(w).hasSize(28 * 500);
        double sum = 0;
        double squares = 0;
        for (float v : w) {
            sum += v;
            squares += v * v;
        }
        double mean = sum / w.length;
        double std = Math.sqrt(squares / w.length - mean * mean);
        // σ₀ = 2/√28 = 0.378; 14 000 draws: the sample standard deviation is within 1% with overwhelming probability.
        assertThat(std).isBetween(0.378 * 0.98, 0.378 * 1.02);
        assertThat(Math.abs(mean)).isLessThan(0.02);
    }

    @Test
    void startsFromTheSameKernelsAsMaskReconstructionForTheSameSeed() {
        var mrp = new MaskReconstruction();
        Encoder scratch = plugin().pretrain(PretrainingContext.builder()
                .corpus(corpus())
                .params(plugin().descriptor().defaults())
                .seed(9)
                .build());
        PatchConvEncoder initial =
                PatchConvEncoder.initialise(corpus().shape(), mrp.descriptor().defaults(), 9);
        assertThat(scratch.state()).isEqualTo(initial.state());
    }
}
