package io.pretrainbench.methods;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.tck.PretrainingMethodContract;
import io.pretrainbench.tck.TckData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextEncoderTest extends PretrainingMethodContract<ContextEncoder> {
    @Override
    protected ContextEncoder plugin() {
        return new ContextEncoder();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("channels", "8,16", "epochs", 1L, "batch_size", 64L);
    }

    @Test
    void inpaintingLossFalls() {
        List<Double> losses = new ArrayList<>();
        var params = plugin().descriptor().resolve(Map.of("channels", "8,16", "epochs", 6L, "batch_size", 32L));
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

    @Test
    void inpaintsColourImagesOfAnotherSizeOnEveryChannel() {
        // 16×20 RGB images whose red channel is a smooth ramp and whose blue
        // channel is its mirror: a square blanked on
        // one channel only could be filled in from the others, so the loss would start near zero.
        int height = 16;
        int width = 20;
        int count = 128;
        float[] values = new float[count * height * width * 3];
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < count; i++) {
            float shift = random.nextFloat();
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int at = ((i * height + r) * width + c) * 3;
                    float ramp = (shift + (float) c / width) % 1f;
                    values[at] = ramp;
                    values[at + 1] = random.nextFloat();
                    values[at + 2] = 1f - ramp;
                }
            }
        }
        List<Double> losses = new ArrayList<>();
        var params = plugin().descriptor()
                .resolve(Map.of("channels", "8,16", "epochs", 4L, "batch_size", 32L, "mask_size", 6L));
        var encoder = plugin().pretrain(PretrainingContext.builder()
                .corpus(io.pretrainbench.api.data.Examples.unlabelled(values, height, width, 3))
                .params(params)
                .compute(Compute.cpu(2))
                .progress((phase, step, total, loss) -> losses.add(loss))
                .build());

        assertThat(encoder.inputShape()).containsExactly(height, width, 3);
        assertThat(losses)
                .hasSize(16)
                .allSatisfy(loss -> assertThat(loss).isFinite().isPositive());
        assertThat(losses.get(0))
                .as("the blanked square is missing on every channel")
                .isGreaterThan(0.01);
    }

    @Test
    void blankingCoversEveryChannelOfTheSquareAndNothingElse() {
        int width = 5;
        int channels = 3;
        float[] input = new float[2 * 4 * width * channels];
        java.util.Arrays.fill(input, 0.5f);
        float[] region = new float[input.length];
        int second = 4 * width * channels; // the second image of the batch

        ContextEncoder.blank(input, region, second, 1, 2, 2, width, channels, 0f);

        for (int i = 0; i < input.length; i++) {
            int pixel = (i - second) / channels;
            boolean inSquare =
                    i >= second && pixel / width >= 1 && pixel / width < 3 && pixel % width >= 2 && pixel % width < 4;
            assertThat(input[i]).as("value %d", i).isEqualTo(inSquare ? 0f : 0.5f);
            assertThat(region[i]).as("region %d", i).isEqualTo(inSquare ? 1f : 0f);
        }
    }
}
