package io.pretrainbench.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.task.TaskData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** STL-10's layout on files written byte by byte: column-major planes, 1-based labels, folds, bad files named. */
class Stl10FormatTest {
    private final Stl10Task task = new Stl10Task();

    @TempDir
    Path dir;

    private DataContext context(Path data, Map<String, Object> params) {
        Map<String, Object> all = new java.util.HashMap<>(params);
        all.put("data_dir", data.toString());
        return DataContext.builder().params(task.descriptor().resolve(all)).build();
    }

    @Test
    void aPixelAtRowColumnChannelLandsThereDespiteColumnMajorStorage() {
        Path data = Stl10Fixture.write(dir, 12, 3, 0);
        Examples train = task.load(context(data, Map.of())).trainPool();
        assertThat(train.shape()).containsExactly(96, 96, 3);
        float[] row = new float[train.exampleSize()];
        for (int n : new int[] {0, 11}) {
            train.copyRow(n, row, 0);
            for (int[] at : new int[][] {{0, 1}, {1, 0}, {2, 70}, {70, 2}, {95, 95}}) {
                for (int k = 0; k < 3; k++) {
                    assertThat(row[(at[0] * 96 + at[1]) * 3 + k])
                            .as("image %d, row %d, column %d, channel %d", n, at[0], at[1], k)
                            .isEqualTo(Stl10Fixture.pixel(n, at[0], at[1], k) / 255f);
                }
            }
        }
    }

    @Test
    void oneBasedLabelsBecomeZeroBased() {
        Path data = Stl10Fixture.write(dir, 12, 3, 0);
        TaskData loaded = task.load(context(data, Map.of()));
        assertThat(loaded.trainPool().labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1);
        assertThat(loaded.test().labels()).containsExactly(0, 1, 2);
        assertThat(loaded.classNames()).containsExactly(Stl10.CLASS_NAMES.toArray(String[]::new));
    }

    @Test
    void aFoldSelectsExactlyItsIndicesInFileOrder() {
        Path data = Stl10Fixture.write(dir, 120, 2, 0);
        Examples all = task.load(context(data, Map.of())).trainPool();
        for (int fold : new int[] {0, 9}) {
            Examples pool =
                    task.load(context(data, Map.of("fold", (long) fold))).trainPool();
            int[] indices = Stl10Fixture.foldIndices(120, fold);
            assertThat(indices).hasSize(fold == 0 ? 20 : 10).doesNotHaveDuplicates();
            assertThat(pool.checksum()).isEqualTo(all.subset(indices).checksum());
        }
        assertThat(task.dataChecksum(context(data, Map.of("fold", 3L))))
                .isNotEqualTo(task.dataChecksum(context(data, Map.of("fold", 4L))))
                .isNotEqualTo(task.dataChecksum(context(data, Map.of())));
    }

    @Test
    void theUnlabelledImagesAreACorpusCappedByLimit() {
        Path data = Stl10Fixture.write(dir, 10, 1, 7);
        Stl10Corpus corpus = new Stl10Corpus();
        Examples images = corpus.load(DataContext.builder()
                .params(corpus.descriptor().resolve(Map.of("data_dir", data.toString(), "limit", 5L)))
                .build());
        assertThat(images.count()).isEqualTo(5);
        assertThat(images.hasLabels()).isFalse();
        float[] row = new float[images.exampleSize()];
        images.copyRow(4, row, 0);
        assertThat(row[(3 * 96 + 40) * 3 + 1]).isEqualTo(Stl10Fixture.pixel(4, 3, 40, 1) / 255f);
    }

    @Test
    void aTruncatedImageFileIsNamed() throws IOException {
        Path data = Stl10Fixture.write(dir, 10, 2, 0);
        Path file = data.resolve("test_X.bin");
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), Stl10.IMAGE_BYTES + 5));
        assertThatThrownBy(() -> task.dataChecksum(context(data, Map.of())))
                .hasMessageStartingWith(file + ": 27653 bytes is not a whole number of 27648-byte records");
    }

    @Test
    void labelsThatDoNotMatchTheImagesAreNamed() throws IOException {
        Path data = Stl10Fixture.write(dir, 10, 2, 0);
        Path file = data.resolve("train_y.bin");
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> task.dataChecksum(context(data, Map.of())))
                .hasMessageStartingWith(file + ": 3 labels for the 10 images of train_X.bin");
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 0, 9, 10});
        assertThatThrownBy(() -> task.dataChecksum(context(data, Map.of())))
                .hasMessageStartingWith(file + ": label 0 of image 7 is outside STL-10's classes 1-10");
    }

    @Test
    void aFoldIndexOutOfRangeIsNamedWithItsLine() throws IOException {
        Path data = Stl10Fixture.write(dir, 10, 2, 0);
        Path folds = data.resolve(Stl10.FOLD_FILE);
        Files.writeString(folds, "0 1\n2 10\n");
        assertThat(task.dataChecksum(context(data, Map.of("fold", 0L)))).isNotBlank();
        assertThatThrownBy(() -> task.dataChecksum(context(data, Map.of("fold", 1L))))
                .hasMessageStartingWith(folds + ":2: '10' is not an index of the 10 training images (0-9)");
        assertThatThrownBy(() -> task.dataChecksum(context(data, Map.of("fold", 5L))))
                .hasMessageStartingWith(folds + ": has 2 lines, fold 5 is line 6");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path data = Stl10Fixture.write(dir, 10, 2, 0);
        Files.delete(data.resolve("test_y.bin"));
        assertThatThrownBy(() -> task.dataChecksum(context(data, Map.of())))
                .hasMessageStartingWith(data.resolve("test_y.bin") + ": not found")
                .hasMessageContaining("stl10_binary.tar.gz");
    }
}
