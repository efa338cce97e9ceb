package io.pretrainbench.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real images through the image-folder path: Fashion-MNIST images written as 8-bit grey PNGs load pixel- and
 * label-identical to the same images read from Debian's IDX files.
 */
class FashionMnistAsPngTest {
    private static final int TRAIN = 400;
    private static final int TEST = 100;

    @TempDir
    Path dir;

    @Test
    void aPngTreeOfFashionMnistLoadsIdenticallyToTheIdxFiles() throws IOException {
        DownstreamTask idx = ServiceLoader.load(DownstreamTask.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(t -> t.descriptor().name().equals("fmnist-10class"))
                .findFirst()
                .orElseThrow();
        TaskData original = idx.load(DataContext.builder()
                .params(idx.descriptor().resolve(Map.of("test_limit", (long) TEST)))
                .build());
        Examples train = original.trainPool().subset(IntStream.range(0, TRAIN).toArray());
        Path root = dir.resolve("images");
        Path trainManifest =
                Files.write(dir.resolve("train.txt"), ImageFolderFixture.writeGreyTree(train, root, "train"));
        Path testManifest =
                Files.write(dir.resolve("test.txt"), ImageFolderFixture.writeGreyTree(original.test(), root, "test"));

        ImageFolderTask folder = new ImageFolderTask();
        TaskData fromPng = folder.load(DataContext.builder()
                .params(folder.descriptor()
                        .resolve(Map.of(
                                "root", root.toString(),
                                "channels", 1L,
                                "train_manifest", trainManifest.toString(),
                                "test_manifest", testManifest.toString())))
                .build());

        assertThat(fromPng.trainPool().shape()).containsExactly(28, 28, 1);
        assertThat(fromPng.numClasses()).isEqualTo(10);
        assertThat(fromPng.trainPool().checksum()).isEqualTo(train.checksum());
        assertThat(fromPng.test().checksum()).isEqualTo(original.test().checksum());
    }
}
