package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link DownstreamTask}: a stable data checksum; labelled splits of one shape with finite values;
 * every class in the training pool, labels in range, distinct class names; deterministic loading.
 */
public abstract class DownstreamTaskContract<T extends DownstreamTask> extends PluginContract<T> {
    @Test
    void dataChecksumIsStable() {
        DataContext context = DataContext.builder().params(parameters()).build();
        assertThat(instance().dataChecksum(context))
                .isNotBlank()
                .as("dataChecksum called again on the same instance")
                .isEqualTo(instance().dataChecksum(context));
    }

    @Test
    void loadsLabelledSplitsWithLabelsInRange() {
        TaskData data =
                instance().load(DataContext.builder().params(parameters()).build());
        assertThat(data.numClasses()).isGreaterThanOrEqualTo(2);
        assertThat(data.classNames()).as("class names").doesNotHaveDuplicates().allSatisfy(n -> assertThat(n)
                .isNotBlank());
        assertThat(data.trainPool().count()).isPositive();
        assertThat(data.test().count()).isPositive();
        assertThat(data.trainPool().shape()).isEqualTo(data.test().shape()).isNotEmpty();
        assertThat(Arrays.stream(data.trainPool().labels()).distinct().sorted().toArray())
                .as("labels of the training pool: every class 0..%d appears, no other", data.numClasses() - 1)
                .containsExactly(IntStream.range(0, data.numClasses()).toArray());
        int[] outOfRange = Arrays.stream(data.test().labels())
                .filter(l -> l < 0 || l >= data.numClasses())
                .toArray();
        assertThat(outOfRange)
                .as("test labels outside [0, %d)", data.numClasses())
                .isEmpty();
        TckData.requireFinite("training pool value", data.trainPool());
        TckData.requireFinite("test value", data.test());
    }

    @Test
    void loadingIsDeterministic() {
        TaskData first =
                instance().load(DataContext.builder().params(parameters()).build());
        TaskData second =
                instance().load(DataContext.builder().params(parameters()).build());
        assertThat(second.trainPool().checksum()).isEqualTo(first.trainPool().checksum());
        assertThat(second.test().checksum()).isEqualTo(first.test().checksum());
        assertThat(second.classNames()).isEqualTo(first.classNames());
    }

    @Override
    protected final Class<T> kind() {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) DownstreamTask.class;
        return type;
    }
}
