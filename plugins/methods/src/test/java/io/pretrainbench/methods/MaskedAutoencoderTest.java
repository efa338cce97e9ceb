package io.pretrainbench.methods;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.tck.PretrainingMethodContract;
import io.pretrainbench.tck.TckData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskedAutoencoderTest extends PretrainingMethodContract<MaskedAutoencoder> {
    @Override
    protected MaskedAutoencoder plugin() {
        return new MaskedAutoencoder();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of(
                "patch",
                7L,
                "width",
                16L,
                "depth",
                1L,
                "heads",
                2L,
                "decoder_width",
                16L,
                "epochs",
                1L,
                "batch_size",
                64L);
    }

    @Test
    void masksKeepTheRequestedShareAndRestoreImageOrder() {
        int batch = 3;
        int n = 16;
        int keep = 4;
        int[] keepFlat = new int[batch * keep];
        int[] restore = new int[batch * n];
        float[] mask = new float[batch * n];
        MaeModel.sampleMasks(new Random(1), batch, n, keep, keepFlat, restore, mask);
        for (int b = 0; b < batch; b++) {
            float[] row = Arrays.copyOfRange(mask, b * n, (b + 1) * n);
            double masked = 0;
            for (float v : row) {
                masked += v;
            }
            assertThat(masked).isEqualTo(n - keep);
            for (int r = 0; r < keep; r++) {
                int patch = keepFlat[b * keep + r] - b * n;
                assertThat(mask[b * n + patch])
                        .as("kept patches are not masked")
                        .isZero();
                assertThat(restore[b * n + patch])
                        .as("kept patch goes back to its slot")
                        .isEqualTo(b * n + r);
            }
        }
    }

    @Test
    void reconstructionLossOfMaskedPatchesFalls() {
        List<Double> losses = new ArrayList<>();
        var params = plugin().descriptor()
                .resolve(Map.of(
                        "patch",
                        7L,
                        "width",
                        32L,
                        "depth",
                        2L,
                        "heads",
                        4L,
                        "decoder_width",
                        32L,
                        "epochs",
                        6L,
                        "batch_size",
                        32L,
                        "warmup_epochs",
                        1.0));
        plugin().pretrain(PretrainingContext.builder()
                .corpus(TckData.images(256, 4, 1).withoutLabels())
                .params(params)
                .compute(Compute.cpu(2))
                .progress((phase, step, total, loss) -> losses.add(loss))
                .build());
        double first = losses.subList(0, 8).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
        double last = losses.subList(40, 48).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
        assertThat(last).isLessThan(first * 0.8);
    }
}
