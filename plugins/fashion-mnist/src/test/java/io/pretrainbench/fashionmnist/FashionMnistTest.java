package io.pretrainbench.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The installed data set, decoded, and the directory-level checks. */
class FashionMnistTest {
    private static final Path INSTALLED = Path.of(FashionMnist.DEFAULT_DIR);

    @Test
    void theInstalledFilesDecodeToSixtyThousandAndTenThousandBalancedImages() {
        FashionMnist data = FashionMnist.at(INSTALLED);
        assertThat(data.train.count()).isEqualTo(60_000);
        assertThat(data.test.count()).isEqualTo(10_000);
        assertThat(data.train.shape()).containsExactly(28, 28, 1);
        assertThat(classCounts(data.train.labels())).containsOnly(6_000);
        assertThat(classCounts(data.test.labels())).containsOnly(1_000);
        // The first image of either file is an ankle boot (class 9), as in the published data set.
        assertThat(data.train.label(0)).isEqualTo(9);
        assertThat(data.test.label(0)).isEqualTo(9);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        FloatBuffer pixels = data.train.features();
        while (pixels.hasRemaining()) {
            float v = pixels.get();
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isEqualTo(0f);
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void cellsLoadingAtTheSameTimeShareOneDecode() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FashionMnist>> loads = pool.invokeAll(IntStream.range(0, 4)
                    .mapToObj(i -> (Callable<FashionMnist>) () -> FashionMnist.at(INSTALLED))
                    .toList());
            for (Future<FashionMnist> load : loads) {
                assertThat(load.get()).isSameAs(FashionMnist.at(INSTALLED));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSelectionOfEveryExampleSharesTheDecodedArray() {
        var train = FashionMnist.at(INSTALLED).train;
        assertThat(FashionMnist.selection(
                        train, FashionMnist.select(train, FashionMnist.parseClasses("classes", "all"), 0)))
                .isSameAs(train);
    }

    @Test
    void theChecksumIsSha256OverTheFourFilesBytesAndIsComputedOnce() throws Exception {
        String checksum = FashionMnist.checksum(INSTALLED);
        MessageDigest files = MessageDigest.getInstance("SHA-256");
        for (String name : FashionMnist.FILES) {
            files.update(Files.readAllBytes(INSTALLED.resolve(name)));
        }
        assertThat(checksum).isEqualTo(HexFormat.of().formatHex(files.digest())); // what cell ids have always hashed
        assertThat(FashionMnist.checksum(Path.of(FashionMnist.DEFAULT_DIR + "/.")))
                .isSameAs(checksum);
    }

    @Test
    void aLabelFileThatDoesNotMatchItsImagesNamesTheFile(@TempDir Path dir) throws IOException {
        for (String name : FashionMnist.FILES.subList(0, 3)) {
            Files.createSymbolicLink(dir.resolve(name), INSTALLED.resolve(name));
        }
        Path labels = dir.resolve(FashionMnist.FILES.get(3));
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(Files.newOutputStream(labels)))) {
            out.writeInt(IdxReader.LABELS_MAGIC);
            out.writeInt(9_999);
            out.write(new byte[9_999]);
        }
        assertThatThrownBy(() -> FashionMnist.at(dir))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("holds 9999 labels, expected 10000");
    }

    @Test
    void aFileWithValidHeadersButOtherContentIsRefusedByName(@TempDir Path dir) throws IOException {
        for (String name : FashionMnist.FILES.subList(0, 3)) {
            Files.createSymbolicLink(dir.resolve(name), INSTALLED.resolve(name));
        }
        // The genuine test labels with one label changed: headers and counts still valid.
        byte[] content;
        try (var in =
                new java.util.zip.GZIPInputStream(Files.newInputStream(INSTALLED.resolve(FashionMnist.FILES.get(3))))) {
            content = in.readAllBytes();
        }
        content[8] = (byte) ((content[8] + 1) % 10);
        Path labels = dir.resolve(FashionMnist.FILES.get(3));
        try (var out = new GZIPOutputStream(Files.newOutputStream(labels))) {
            out.write(content);
        }
        assertThatThrownBy(() -> FashionMnist.checksum(dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(labels.toString())
                .hasMessageContaining("is not Fashion-MNIST's")
                .hasMessageContaining("apt-get install --reinstall dataset-fashion-mnist");
        assertThatThrownBy(() -> FashionMnist.at(dir)).hasMessageContaining("is not Fashion-MNIST's");
    }

    @Test
    void oneMissingFileIsNamed(@TempDir Path dir) throws IOException {
        for (String name : FashionMnist.FILES.subList(1, 4)) {
            Files.createSymbolicLink(dir.resolve(name), INSTALLED.resolve(name));
        }
        assertThatThrownBy(() -> FashionMnist.at(dir))
                .hasMessageContaining("Fashion-MNIST not found at " + dir)
                .hasMessageContaining("[train-images-idx3-ubyte.gz]")
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist");
    }

    private static int[] classCounts(int[] labels) {
        int[] counts = new int[10];
        Arrays.stream(labels).forEach(l -> counts[l]++);
        return counts;
    }
}
