package io.pretrainbench.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.task.TaskData;
import io.pretrainbench.tck.DownstreamTaskContract;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinaryTaskTest extends DownstreamTaskContract<BinaryTask> {
    private final BinaryTask task = new BinaryTask();

    @Override
    protected BinaryTask plugin() {
        return task;
    }

    @Test
    void relabelsThePairAsZeroAndOne() {
        TaskData data = task.load(DataContext.builder()
                .params(task.descriptor().resolve(Map.of("positive", 7L, "negative", 5L)))
                .build());
        assertThat(data.classNames()).containsExactly("Sandal", "Sneaker");
        assertThat(data.trainPool().count()).isEqualTo(12_000);
        assertThat(data.test().count()).isEqualTo(2_000);
        assertThat(Arrays.stream(data.trainPool().labels()).filter(l -> l == 1).count())
                .isEqualTo(6_000);
    }

    @Test
    void oneVersusRestUsesEveryImage() {
        TaskData data = task.load(DataContext.builder()
                .params(task.descriptor().resolve(Map.of("positive", 9L, "negative", -1L)))
                .build());
        assertThat(data.classNames()).containsExactly("not Ankle boot", "Ankle boot");
        assertThat(data.trainPool().count()).isEqualTo(60_000);
        assertThat(Arrays.stream(data.trainPool().labels()).filter(l -> l == 1).count())
                .isEqualTo(6_000);
    }

    @Test
    void aPairOfOneClassIsRefused() {
        assertThatThrownBy(() -> task.dataChecksum(DataContext.builder()
                        .params(task.descriptor().resolve(Map.of("positive", 3L, "negative", 3L)))
                        .build()))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.key())
                        .isEqualTo("negative"))
                .hasMessageContaining("'positive' and 'negative' must differ, both are 3 (Dress)");
    }

    @Test
    void theTestLimitKeepsTheFirstTestImagesOfThePair() {
        TaskData data = task.load(DataContext.builder()
                .params(task.descriptor().resolve(Map.of("positive", 1L, "negative", 0L, "test_limit", 50L)))
                .build());
        assertThat(data.test().count()).isEqualTo(50);
        // The first 50 test images of classes 0 and 1, in file order, relabelled 0 → 0 and 1 → 1.
        FashionMnist all = FashionMnist.at(Path.of(FashionMnist.DEFAULT_DIR));
        int[] firstPair =
                Arrays.stream(all.test.labels()).filter(l -> l <= 1).limit(50).toArray();
        assertThat(data.test().labels()).containsExactly(firstPair);
    }

    @Test
    void missingFilesSayHowToInstallThem(@TempDir Path empty) {
        assertThatThrownBy(() -> task.dataChecksum(DataContext.builder()
                        .params(task.descriptor().resolve(Map.of("data_dir", empty.toString())))
                        .build()))
                .hasMessageContaining("Fashion-MNIST not found at " + empty)
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist")
                .hasMessageContaining("data_dir");
    }
}
