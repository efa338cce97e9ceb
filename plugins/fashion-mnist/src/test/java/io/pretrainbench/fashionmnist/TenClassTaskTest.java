package io.pretrainbench.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.task.TaskData;
import io.pretrainbench.tck.DownstreamTaskContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenClassTaskTest extends DownstreamTaskContract<TenClassTask> {
    private final TenClassTask task = new TenClassTask();

    @Override
    protected TenClassTask plugin() {
        return task;
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("test_limit", 500L);
    }

    @Test
    void hasTheFullTrainingPoolAndTheRequestedTestSplit() {
        TaskData data = task.load(DataContext.builder().params(parameters()).build());
        assertThat(data.trainPool().count()).isEqualTo(60_000);
        assertThat(data.test().count()).isEqualTo(500);
        assertThat(data.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
    }
}
