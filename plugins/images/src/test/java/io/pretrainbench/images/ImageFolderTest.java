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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ImageFolder convention on trees the test writes: class order, pixels, splits, and every bad input named. */
class ImageFolderTest {
    private final ImageFolderTask task = new ImageFolderTask();
    private final ImageFolderCorpus corpus = new ImageFolderCorpus();

    @TempDir
    Path dir;

    private DataContext context(Path root, Map<String, Object> params) {
        Map<String, Object> all = new HashMap<>(params);
        all.put("root", root.toString());
        return DataContext.builder().params(task.descriptor().resolve(all)).build();
    }

    private float[] row(Examples examples, int index) {
        float[] row = new float[examples.exampleSize()];
        examples.copyRow(index, row, 0);
        return row;
    }

    @Test
    void classesAreSubFoldersInSortedOrderAndPixelsComeThroughExactly() {
        Path root = ImageFolderFixture.tree(dir.resolve("tree"), List.of("b", "a", "c"), 2);
        Path train = write("train.txt", "a/0.png\nb/1.png\nc/0.png\nc/1.png\n");
        Path test = write("test.txt", "b/0.png\n\na/1.png\n");
        TaskData data =
                task.load(context(root, Map.of("train_manifest", train.toString(), "test_manifest", test.toString())));
        assertThat(data.classNames()).containsExactly("a", "b", "c");
        assertThat(data.trainPool().labels()).containsExactly(0, 1, 2, 2);
        assertThat(data.test().labels()).containsExactly(1, 0);
        assertThat(data.trainPool().shape()).containsExactly(8, 6, 3);
        // b/1.png is the fourth image written (classes written in the order b, a, c)
        float[] pixels = row(data.trainPool(), 1);
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 6; c++) {
                for (int k = 0; k < 3; k++) {
                    assertThat(pixels[(r * 6 + c) * 3 + k]).isEqualTo(ImageFolderFixture.pixel(1, r, c, k) / 255f);
                }
            }
        }
    }

    @Test
    void greyAndColourConvertBothWays() {
        Path root = dir.resolve("mixed");
        ImageFolderFixture.write(
                root.resolve("colour/x.png"), "png", 2, 2, 3, (r, c, k) -> new int[] {200, 100, 50}[k]);
        ImageFolderFixture.write(root.resolve("grey/y.png"), "png", 2, 2, 1, (r, c, k) -> 77);
        Path train = write("train.txt", "colour/x.png\n");
        Path test = write("test.txt", "grey/y.png\n");
        Map<String, Object> manifests = Map.of("train_manifest", train.toString(), "test_manifest", test.toString());
        Map<String, Object> grey = new HashMap<>(manifests);
        grey.put("channels", 1L);
        TaskData asGrey = task.load(context(root, grey));
        assertThat(row(asGrey.trainPool(), 0)[0]).isEqualTo(Math.round(0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255f);
        assertThat(row(asGrey.test(), 0)).containsOnly(77 / 255f);
        TaskData asColour = task.load(context(root, manifests));
        assertThat(Arrays.copyOf(row(asColour.trainPool(), 0), 3)).containsExactly(200 / 255f, 100 / 255f, 50 / 255f);
        assertThat(row(asColour.test(), 0)).hasSize(12).containsOnly(77 / 255f);
    }

    @Test
    void bmpAndGifDecodeLosslesslyAndJpegDecodes() {
        Path root = dir.resolve("formats");
        ImageFolderFixture.write(root.resolve("bmp/x.BMP"), "bmp", 4, 4, 3, (r, c, k) -> (r * 4 + c) * 10 + k);
        ImageFolderFixture.write(root.resolve("gif/x.gif"), "gif", 4, 4, 3, (r, c, k) -> r < 2 ? 255 : 0);
        ImageFolderFixture.write(root.resolve("jpeg/x.jpg"), "jpg", 4, 4, 3, (r, c, k) -> 128);
        TaskData data = task.load(context(root, manifests("bmp/x.BMP\ngif/x.gif\n", "jpeg/x.jpg\n")));
        float[] bmp = row(data.trainPool(), 0);
        assertThat(bmp[(2 * 4 + 3) * 3 + 1]).isEqualTo(((2 * 4 + 3) * 10 + 1) / 255f);
        float[] gif = row(data.trainPool(), 1);
        assertThat(gif[0]).isEqualTo(1f);
        assertThat(gif[gif.length - 1]).isZero();
        assertThat(row(data.test(), 0)[0]).isCloseTo(128 / 255f, org.assertj.core.api.Assertions.within(3 / 255f));
    }

    @Test
    void mixedSizesAreRefusedNamingTheFileUnlessASizeIsDeclared() {
        Path root = dir.resolve("sizes");
        ImageFolderFixture.write(root.resolve("a/1.png"), "png", 4, 4, 3, (r, c, k) -> 90);
        ImageFolderFixture.write(root.resolve("a/2.png"), "png", 4, 4, 3, (r, c, k) -> 90);
        ImageFolderFixture.write(root.resolve("b/1.png"), "png", 6, 3, 3, (r, c, k) -> 30);
        ImageFolderFixture.write(root.resolve("b/2.png"), "png", 4, 4, 3, (r, c, k) -> 30);
        assertThatThrownBy(() -> task.dataChecksum(context(root, Map.of("test_fraction", 0.5))))
                .hasMessageStartingWith(root.resolve("b/1.png") + ": 6x3 pixels, but " + root.resolve("a/1.png")
                        + " is 4x4; declare parameter size");
        TaskData resized = task.load(context(root, Map.of("test_fraction", 0.5, "size", 5L)));
        assertThat(resized.trainPool().shape()).containsExactly(5, 5, 3);
        assertThat(row(resized.trainPool(), 1)).containsOnly(30 / 255f);
    }

    @Test
    void theSeededSplitTakesTheFractionOfEachClassAndDependsOnTheSeed() {
        Path root = ImageFolderFixture.tree(dir.resolve("tree"), List.of("a", "b"), 10);
        TaskData first = task.load(context(root, Map.of("test_fraction", 0.3)));
        assertThat(first.test().labels()).containsExactly(0, 0, 0, 1, 1, 1);
        assertThat(first.trainPool().count()).isEqualTo(14);
        assertThat(task.load(context(root, Map.of("test_fraction", 0.3))).test().checksum())
                .isEqualTo(first.test().checksum());
        assertThat(task.load(context(root, Map.of("test_fraction", 0.3, "split_seed", 1L)))
                        .test()
                        .checksum())
                .isNotEqualTo(first.test().checksum());
        assertThatThrownBy(() -> task.dataChecksum(context(root, Map.of("test_fraction", 0.05))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.key())
                        .isEqualTo("test_fraction"))
                .hasMessageContaining("leaves no test image among 20 images");
    }

    @Test
    void aCorpusManifestPicksAndOrdersTheImagesAndLimitCountsInItsOrder() {
        Path root = ImageFolderFixture.tree(dir.resolve("tree"), List.of("a", "b"), 2);
        Path manifest = write("train.txt", "b/1.png\na/0.png\nb/0.png\n");
        Map<String, Object> params = Map.of("root", root.toString(), "manifest", manifest.toString(), "limit", 2L);
        DataContext context = DataContext.builder()
                .params(corpus.descriptor().resolve(params))
                .build();

        Examples images = corpus.load(context);

        // images are numbered in writing order: a/0, a/1, b/0, b/1
        assertThat(images.count()).isEqualTo(2);
        assertThat(row(images, 0)[0]).isEqualTo(ImageFolderFixture.pixel(3, 0, 0, 0) / 255f);
        assertThat(row(images, 1)[0]).isEqualTo(ImageFolderFixture.pixel(0, 0, 0, 0) / 255f);
        Map<String, Object> unlisted = new HashMap<>(params);
        unlisted.remove("manifest");
        assertThat(corpus.dataChecksum(context))
                .isNotEqualTo(corpus.dataChecksum(DataContext.builder()
                        .params(corpus.descriptor().resolve(unlisted))
                        .build()));
    }

    @Test
    void aManifestNamingAMissingImageIsNamedWithItsLine() {
        Path root = ImageFolderFixture.tree(dir.resolve("tree"), List.of("a", "b"), 2);
        Path train = write("train.txt", "a/0.png\nb/0.png\n");
        Path test = write("test.txt", "a/1.png\nb/7.png\n");
        assertThatThrownBy(() -> task.dataChecksum(
                        context(root, Map.of("train_manifest", train.toString(), "test_manifest", test.toString()))))
                .hasMessageStartingWith(test + ":2: 'b/7.png' is not an image under " + root);
        Path overlapping = write("overlap.txt", "b/0.png\n");
        assertThatThrownBy(() -> task.dataChecksum(context(
                        root, Map.of("train_manifest", train.toString(), "test_manifest", overlapping.toString()))))
                .hasMessageStartingWith(overlapping + ":1: 'b/0.png' is in the train manifest too");
        assertThatThrownBy(() -> task.dataChecksum(context(root, Map.of("train_manifest", train.toString()))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.key())
                        .isEqualTo("test_manifest"));
    }

    @Test
    void corruptAndUnreadableImagesAreNamed() throws IOException {
        Path root = ImageFolderFixture.tree(dir.resolve("tree"), List.of("a", "b"), 3);
        Path png = root.resolve("b/1.png");
        byte[] bytes = Files.readAllBytes(png);
        Files.write(png, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> task.dataChecksum(context(root, Map.of())))
                .hasMessageStartingWith(png + ": cannot be decoded")
                .hasMessageContaining("corrupt or truncated");
        Files.write(png, "not an image".getBytes());
        assertThatThrownBy(() -> task.dataChecksum(context(root, Map.of())))
                .hasMessageStartingWith(png + ": not a PNG, JPEG, BMP or GIF image");
    }

    @Test
    void aTruncatedJpegIsNamedThoughImageIoOnlyWarns() throws IOException {
        Path root = dir.resolve("jpeg");
        Path jpeg = ImageFolderFixture.write(
                root.resolve("a/x.jpg"), "jpg", 64, 64, 3, (r, c, k) -> ImageFolderFixture.pixel(0, r, c, k));
        ImageFolderFixture.write(root.resolve("a/y.jpg"), "jpg", 64, 64, 3, (r, c, k) -> 0);
        byte[] bytes = Files.readAllBytes(jpeg);
        Files.write(jpeg, Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertThatThrownBy(() -> corpus.dataChecksum(DataContext.builder()
                        .params(corpus.descriptor().resolve(Map.of("root", root.toString())))
                        .build()))
                .hasMessageStartingWith(jpeg + ": cannot be decoded");
    }

    @Test
    void emptyClassFoldersAndFoldersWithoutImagesAreNamed() throws IOException {
        Path root = ImageFolderFixture.tree(dir.resolve("tree"), List.of("a", "c"), 2);
        Path empty = Files.createDirectories(root.resolve("b"));
        assertThatThrownBy(() -> task.dataChecksum(context(root, Map.of())))
                .hasMessageStartingWith(empty + ": empty class folder");
        Files.writeString(empty.resolve("notes.txt"), "no images here");
        assertThatThrownBy(() -> task.dataChecksum(context(root, Map.of())))
                .hasMessageStartingWith(empty + ": class folder with no images of a readable type (.bmp, .gif, .jpeg,"
                        + " .jpg, .png) among its 1 files, e.g. notes.txt");
    }

    @Test
    void aFlatFolderIsAnUnlabelledCorpusButNotATask() {
        Path root = dir.resolve("flat");
        for (int n = 0; n < 3; n++) {
            int image = n;
            ImageFolderFixture.write(
                    root.resolve("img" + n + ".png"),
                    "png",
                    5,
                    5,
                    3,
                    (r, c, k) -> ImageFolderFixture.pixel(image, r, c, k));
        }
        Examples images = corpus.load(DataContext.builder()
                .params(corpus.descriptor().resolve(Map.of("root", root.toString(), "limit", 2L)))
                .build());
        assertThat(images.count()).isEqualTo(2);
        assertThat(images.hasLabels()).isFalse();
        assertThat(row(images, 1)[4]).isEqualTo(ImageFolderFixture.pixel(1, 0, 1, 1) / 255f);
        assertThatThrownBy(() -> task.dataChecksum(context(root, Map.of())))
                .hasMessageStartingWith(root + ": has no class sub-folders");
    }

    private Map<String, Object> manifests(String train, String test) {
        return Map.of(
                "train_manifest", write("train.txt", train).toString(),
                "test_manifest", write("test.txt", test).toString());
    }

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
