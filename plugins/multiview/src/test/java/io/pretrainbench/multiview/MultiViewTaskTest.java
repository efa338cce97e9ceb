package io.pretrainbench.multiview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.task.TaskData;
import io.pretrainbench.tck.DownstreamTaskContract;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiViewTaskTest extends DownstreamTaskContract<MultiViewTask> {
    @Override
    protected MultiViewTask plugin() {
        return new MultiViewTask();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("train_samples", 60L, "test_samples", 40L, "dimension", 40L, "patches", 12L);
    }

    private Parameters with(Object... keyValues) {
        Map<String, Object> raw = new HashMap<>(fastParameters());
        for (int i = 0; i < keyValues.length; i += 2) {
            raw.put((String) keyValues[i], keyValues[i + 1]);
        }
        return plugin().descriptor().resolve(raw);
    }

    @Test
    void theTrainingPoolIsClassBalancedWithShapePatchesByDimension() {
        TaskData data = plugin().load(DataContext.builder().params(parameters()).build());
        assertThat(data.numClasses()).isEqualTo(10);
        assertThat(data.trainPool().shape()).containsExactly(12, 40);
        int[] perClass = new int[10];
        for (int y : data.trainPool().labels()) {
            perClass[y]++;
        }
        assertThat(perClass).containsOnly(6);
    }

    @Test
    void theTestViewSelectsSingleViewOrMultiViewSamplesWithoutChangingTheTrainingPool() {
        TaskData all = plugin().load(DataContext.builder().params(parameters()).build());
        TaskData single = plugin().load(DataContext.builder()
                .params(with("test_view", "single"))
                .build());
        TaskData multi = plugin().load(
                        DataContext.builder().params(with("test_view", "multi")).build());
        assertThat(single.trainPool().checksum()).isEqualTo(all.trainPool().checksum());
        assertThat(multi.trainPool().checksum()).isEqualTo(all.trainPool().checksum());
        assertThat(single.test().checksum()).isNotEqualTo(multi.test().checksum());
        assertThat(plugin().dataChecksum(DataContext.builder()
                        .params(with("test_view", "single"))
                        .build()))
                .isNotEqualTo(plugin().dataChecksum(
                                DataContext.builder().params(parameters()).build()));

        // Measured on the samples themselves: the weaker feature of a single-view sample carries ρ = weak_weight in
        // total, a multi-view sample's at least 1 (noise off, so the projections are exact).
        Parameters clean = with("noise_std", 0.0, "feature_noise", 0.0, "sparsity", 0.0);
        MultiViewData data = MultiViewData.of(clean);
        MultiViewData.Samples s = data.generate(40, MultiViewData.View.SINGLE, 7);
        MultiViewData.Samples m = data.generate(40, MultiViewData.View.MULTI, 7);
        for (int i = 0; i < 40; i++) {
            double[] sw = MultiViewDataTest.featureTotals(s, data.features(), i);
            double[] mw = MultiViewDataTest.featureTotals(m, data.features(), i);
            assertThat(Math.min(sw[0], sw[1])).isCloseTo(0.1, within(1e-5));
            assertThat(Math.max(sw[0], sw[1])).isBetween(1.0 - 1e-5, 2.0 + 1e-5);
            assertThat(Math.min(mw[0], mw[1])).isBetween(1.0 - 1e-5, 2.0 + 1e-5);
        }
    }
}
