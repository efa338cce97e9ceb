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
}
