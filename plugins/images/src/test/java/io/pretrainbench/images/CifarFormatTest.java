package io.pretrainbench.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.task.TaskData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CIFAR binary layout on files written byte by byte: pixels, channel order, both label bytes, bad files named. */
class CifarFormatTest {
    private final CifarTask task = new CifarTask();

    @TempDir
    Path dir;

    private DataContext context(Map<String, Object> params) {
        return DataContext.builder().params(task.descriptor().resolve(params)).build();
    }

    private TaskData load(Path data, String variant, String labels) {
        return task.load(context(Map.of("data_dir", data.toString(), "variant", variant, "labels", labels)));
    }

    @Test
    void planesBecomeInterleavedRedGreenBluePixelsInUnitRange() {
        Path data = CifarFixture.write(dir, CifarVariant.CIFAR10, 3);
        TaskData loaded = load(data, "cifar10", "fine");
        Examples train = loaded.trainPool();
        assertThat(train.count()).isEqualTo(15);
        assertThat(train.shape()).containsExactly(32, 32, 3);
        float[] row = new float[train.exampleSize()];
        for (int n : new int[] {0, 4, 14}) {
            train.copyRow(n, row, 0);
            for (int[] at : new int[][] {{0, 0}, {0, 31}, {5, 9}, {31, 0}, {31, 31}}) {
                for (int k = 0; k < 3; k++) {
                    assertThat(row[(at[0] * 32 + at[1]) * 3 + k])
                            .as("image %d, row %d, column %d, channel %d", n, at[0], at[1], k)
                            .isEqualTo(CifarFixture.pixel(n, at[0], at[1], k) / 255f);
                }
            }
        }
        assertThat(train.labels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4);
        assertThat(loaded.test().count()).isEqualTo(3);
        assertThat(loaded.classNames()).hasSize(10).startsWith("airplane").endsWith("truck");
    }

    @Test
    void cifar100HasACoarseByteThenAFineByte() {
        Path data = CifarFixture.write(dir, CifarVariant.CIFAR100, 130);
        TaskData fine = load(data, "cifar100", "fine");
        TaskData coarse = load(data, "cifar100", "coarse");
        assertThat(fine.classNames()).hasSize(100).startsWith("apple").endsWith("worm");
        assertThat(coarse.classNames())
                .hasSize(20)
                .startsWith("aquatic_mammals")
                .endsWith("vehicles_2");
        assertThat(fine.trainPool().label(125)).isEqualTo(25);
        assertThat(coarse.trainPool().label(125)).isEqualTo(5);
        assertThat(coarse.trainPool().withLabels(fine.trainPool().labels()).checksum())
                .as("the same pixels under either label")
                .isEqualTo(fine.trainPool().checksum());
        float[] row = new float[fine.trainPool().exampleSize()];
        coarse.trainPool().copyRow(7, row, 0);
        assertThat(row[(2 * 32 + 3) * 3 + 1]).isEqualTo(CifarFixture.pixel(7, 2, 3, 1) / 255f);
        assertThat(task.dataChecksum(context(Map.of("data_dir", data.toString(), "variant", "cifar100"))))
                .isNotEqualTo(task.dataChecksum(
                        context(Map.of("data_dir", data.toString(), "variant", "cifar100", "labels", "coarse"))));
    }

    @Test
    void coarseLabelsOfCifar10AreRefusedNamingTheParameter() {
        Path data = CifarFixture.write(dir, CifarVariant.CIFAR10, 1);
        assertThatThrownBy(() -> task.dataChecksum(
                        context(Map.of("data_dir", data.toString(), "variant", "cifar10", "labels", "coarse"))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.key())
                        .isEqualTo("labels"))
                .hasMessageContaining("needs variant cifar100");
    }

    @Test
    void anUnsetDataDirSaysWhereToGetTheFiles() {
        assertThatThrownBy(() -> task.dataChecksum(context(Map.of())))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.key())
                        .isEqualTo("data_dir"))
                .hasMessageContaining("data_batch_1.bin")
                .hasMessageContaining("cifar-10-binary.tar.gz");
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path data = CifarFixture.write(dir, CifarVariant.CIFAR10, 1);
        Files.delete(data.resolve("data_batch_4.bin"));
        assertThatThrownBy(() -> task.dataChecksum(context(Map.of("data_dir", data.toString()))))
                .hasMessageStartingWith(data.resolve("data_batch_4.bin") + ": not found");
    }

    @Test
    void aTruncatedFileIsNamed() throws IOException {
        Path data = CifarFixture.write(dir, CifarVariant.CIFAR100, 2);
        Path test = data.resolve("test.bin");
        Files.write(test, Arrays.copyOf(Files.readAllBytes(test), 3074 + 1000));
        assertThatThrownBy(() -> task.dataChecksum(context(Map.of("data_dir", data.toString(), "variant", "cifar100"))))
                .hasMessageStartingWith(test + ": 4074 bytes is not a whole number of 3074-byte records")
                .hasMessageContaining("truncated");
    }

    @Test
    void aLabelOutsideTheClassesIsNamedWithItsRecord() throws IOException {
        Path data = CifarFixture.write(dir, CifarVariant.CIFAR10, 2);
        Path batch = data.resolve("data_batch_2.bin");
        byte[] bytes = Files.readAllBytes(batch);
        bytes[3073] = 10;
        Files.write(batch, bytes);
        assertThatThrownBy(() -> task.dataChecksum(context(Map.of("data_dir", data.toString()))))
                .hasMessageStartingWith(batch + ": record 1 has label 10, outside the 10 classes [0, 9]");
    }
}
