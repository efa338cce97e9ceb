package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The contract of a {@link DownstreamTask}: a stable data checksum, consistent shapes, labels in range. */
public abstract class DownstreamTaskContract<T extends DownstreamTask> extends PluginContract<T> {
  @Test
  void dataChecksumIsStable() {
    DataContext context = new DataContext(parameters());
    assertThat(plugin().dataChecksum(context)).isNotBlank().isEqualTo(plugin().dataChecksum(context));
  }

  @Test
  void loadsLabelledSplitsWithLabelsInRange() {
    TaskData data = plugin().load(new DataContext(parameters()));
    assertThat(data.numClasses()).isGreaterThanOrEqualTo(2);
    assertThat(data.trainPool().count()).isPositive();
    assertThat(data.test().count()).isPositive();
    assertThat(data.trainPool().shape()).isEqualTo(data.test().shape());
    assertThat(Arrays.stream(data.trainPool().labels()).distinct().sorted().toArray())
        .as("every class appears in the training pool")
        .containsExactly(java.util.stream.IntStream.range(0, data.numClasses()).toArray());
    assertThat(Arrays.stream(data.test().labels()).allMatch(l -> l >= 0 && l < data.numClasses()))
        .as("test labels in [0, %d)", data.numClasses()).isTrue();
  }

  @Override
  protected final Class<T> kind() {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) DownstreamTask.class;
    return type;
  }
}
