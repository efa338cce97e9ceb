package io.pretrainbench.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.task.TaskData;
import io.pretrainbench.tck.DownstreamTaskContract;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinaryTaskTest extends DownstreamTaskContract<BinaryTask> {
  private final BinaryTask task = new BinaryTask();

  @Override
  protected BinaryTask plugin() {
    return task;
  }

  @Test
  void relabelsThePairAsZeroAndOne() {
    TaskData data = task.load(new DataContext(task.descriptor().resolve(Map.of("positive", 7L, "negative", 5L))));
    assertThat(data.classNames()).containsExactly("Sandal", "Sneaker");
    assertThat(data.trainPool().count()).isEqualTo(12_000);
    assertThat(data.test().count()).isEqualTo(2_000);
    assertThat(Arrays.stream(data.trainPool().labels()).filter(l -> l == 1).count()).isEqualTo(6_000);
  }

  @Test
  void oneVersusRestUsesEveryImage() {
    TaskData data = task.load(new DataContext(task.descriptor().resolve(Map.of("positive", 9L, "negative", -1L))));
    assertThat(data.classNames()).containsExactly("not Ankle boot", "Ankle boot");
    assertThat(data.trainPool().count()).isEqualTo(60_000);
    assertThat(Arrays.stream(data.trainPool().labels()).filter(l -> l == 1).count()).isEqualTo(6_000);
  }

  @Test
  void aPairOfOneClassIsRefused() {
    assertThatThrownBy(() -> task.dataChecksum(new DataContext(task.descriptor().resolve(
        Map.of("positive", 3L, "negative", 3L))))).hasMessageContaining("'positive' and 'negative' must differ");
  }
}
