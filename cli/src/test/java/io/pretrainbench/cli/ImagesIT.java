package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image data plugins from the real launcher: damaged CIFAR files and corrupt images are refused at validate with
 * one line naming the file, and a grid on 32×32×3 data in CIFAR-10's published layout runs end to end.
 */
class ImagesIT {
    private static final int CIFAR_RECORD = 1 + 32 * 32 * 3;
    private static final List<String> CIFAR10_FILES = List.of(
            "data_batch_1.bin",
            "data_batch_2.bin",
            "data_batch_3.bin",
            "data_batch_4.bin",
            "data_batch_5.bin",
            "test_batch.bin");

    /** A corpus that validates, so that the task's line is the only one. */
    private static final String VALID_CORPUS = "{name: fashion-mnist, params: {limit: 100}}";
    /** A task that validates, so that the corpus's line is the only one. */
    private static final String VALID_TASK = "{name: fmnist-10class, params: {test_limit: 100}}";

    private static final int STL10_IMAGE = 96 * 96 * 3;

    @TempDir
    Path work;

    /** CIFAR-10's six files, {@code perFile} records each: label n % 10, pixels brighter with the label. */
    private Path cifar10(int perFile) throws Exception {
        Path dir = Files.createDirectories(work.resolve("cifar-10-batches-bin"));
        java.util.Random random = new java.util.Random(3);
        for (String name : CIFAR10_FILES) {
            byte[] bytes = new byte[perFile * CIFAR_RECORD];
            for (int n = 0; n < perFile; n++) {
                bytes[n * CIFAR_RECORD] = (byte) (n % 10);
                for (int i = 1; i < CIFAR_RECORD; i++) {
                    bytes[n * CIFAR_RECORD + i] = (byte) (n % 10 * 20 + random.nextInt(40));
                }
            }
            Files.write(dir.resolve(name), bytes);
        }
        return dir;
    }

    private static String grid(String corpus, String task) {
        return """
            name: images
            pretraining:
              corpus:
                - %s
              methods:
                - {name: scratch, params: {hidden: "32"}}
            tasks:
              - %s
            budgets: [20]
            protocols:
              - {name: linear-probe, params: {epochs: 5}}
            seeds: [0]
            """
                .formatted(corpus, task);
    }

    private static void assertOneLineNaming(Cli.Outcome outcome, Path file, String problem) {
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(outcome.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .contains(file.toString())
                .contains(problem);
    }

    @Test
    void aTruncatedCifarBatchIsNamedAtValidate() throws Exception {
        Path data = cifar10(4);
        Path damaged = data.resolve("data_batch_3.bin");
        byte[] whole = Files.readAllBytes(damaged);
        Files.write(damaged, Arrays.copyOf(whole, whole.length - 100));
        Files.writeString(
                work.resolve("grid.yaml"), grid(VALID_CORPUS, "{name: cifar, params: {data_dir: \"" + data + "\"}}"));

        Cli.Outcome outcome = Cli.run(work, "validate", "grid.yaml");

        assertOneLineNaming(outcome, damaged, "truncated");
    }

    @Test
    void aCorruptPngIsNamedAtValidate() throws Exception {
        Path root = work.resolve("images");
        for (String c : List.of("a", "b")) {
            for (int k = 0; k < 3; k++) {
                Path file = Files.createDirectories(root.resolve(c)).resolve(k + ".png");
                ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
            }
        }
        Path corrupt = root.resolve("b/1.png");
        byte[] whole = Files.readAllBytes(corrupt);
        Files.write(corrupt, Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(
                work.resolve("grid.yaml"),
                grid(VALID_CORPUS, "{name: image-folder, params: {root: \"" + root + "\"}}"));

        Cli.Outcome outcome = Cli.run(work, "validate", "grid.yaml");

        assertOneLineNaming(outcome, corrupt, "corrupt or truncated");
    }

    /**
     * Runs {@code grid} with a results file and checks that it is refused as {@link #assertOneLineNaming} says, before
     * the store is created.
     */
    private void assertRefusedBeforeTheStore(String grid, Path file, String problem) throws Exception {
        Files.writeString(work.resolve("grid.yaml"), grid);
        Path store = work.resolve("results.db");

        Cli.Outcome outcome = Cli.run(work, "run", "grid.yaml", "--results", store.toString());

        assertOneLineNaming(outcome, file, problem);
        assertThat(store).doesNotExist();
    }

    @Test
    void aCifarFileOfAnotherRecordSizeIsNamed() throws Exception {
        Path data = cifar10(4);
        Path foreign = data.resolve("test_batch.bin");
        Files.write(foreign, new byte[4 * (CIFAR_RECORD + 1)]); // CIFAR-100's records: two label bytes
        assertRefusedBeforeTheStore(
                grid(VALID_CORPUS, "{name: cifar, params: {data_dir: \"" + data + "\"}}"),
                foreign,
                "is not a whole number of 3073-byte records");
    }

    @Test
    void aCifarLabelOutsideTheClassCountIsNamed() throws Exception {
        Path data = cifar10(4);
        Path damaged = data.resolve("data_batch_2.bin");
        byte[] bytes = Files.readAllBytes(damaged);
        bytes[2 * CIFAR_RECORD] = 10;
        Files.write(damaged, bytes);
        assertRefusedBeforeTheStore(
                grid("{name: cifar, params: {data_dir: \"" + data + "\"}}", VALID_TASK),
                damaged,
                "record 2 has label 10, outside the 10 classes");
    }

    @Test
    void aTruncatedStl10ImageFileIsNamed() throws Exception {
        Path data = stl10(3);
        Path damaged = data.resolve("unlabeled_X.bin");
        Files.write(damaged, Arrays.copyOf(Files.readAllBytes(damaged), 2 * STL10_IMAGE + 100));
        assertRefusedBeforeTheStore(
                grid("{name: stl10, params: {data_dir: \"" + data + "\"}}", VALID_TASK),
                damaged,
                "is not a whole number of 27648-byte records");
    }

    @Test
    void anStl10LabelFileOfAnotherSizeIsNamed() throws Exception {
        Path data = stl10(3);
        Path labels = data.resolve("test_y.bin");
        Files.write(labels, new byte[] {1, 2});
        assertRefusedBeforeTheStore(
                grid(VALID_CORPUS, "{name: stl10, params: {data_dir: \"" + data + "\"}}"),
                labels,
                "2 labels for the 3 images of test_X.bin");
    }

    @Test
    void anStl10LabelOutsideTheClassesIsNamed() throws Exception {
        Path data = stl10(3);
        Path labels = data.resolve("train_y.bin");
        Files.write(labels, new byte[] {1, 11, 2});
        assertRefusedBeforeTheStore(
                grid(VALID_CORPUS, "{name: stl10, params: {data_dir: \"" + data + "\"}}"),
                labels,
                "label 11 of image 1 is outside STL-10's classes 1-10");
    }

    @Test
    void anStl10FoldIndexOutOfRangeIsNamed() throws Exception {
        Path data = stl10(3);
        Path folds = data.resolve("fold_indices.txt");
        Files.writeString(folds, "0 1 2\n0 1 3\n");
        assertRefusedBeforeTheStore(
                grid(VALID_CORPUS, "{name: stl10, params: {data_dir: \"" + data + "\", fold: 1}}"),
                folds,
                ":2: '3' is not an index of the 3 training images (0-2)");
    }

    /** Two classes of three 8×8 PNGs each, {@code root/a/0.png} ... {@code root/b/2.png}. */
    private Path imageFolder() throws Exception {
        Path root = work.resolve("images");
        for (String c : List.of("a", "b")) {
            for (int k = 0; k < 3; k++) {
                Path file = Files.createDirectories(root.resolve(c)).resolve(k + ".png");
                ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
            }
        }
        return root;
    }

    private static String imageFolderTask(Path root, String more) {
        return "{name: image-folder, params: {root: \"" + root + "\"" + more + "}}";
    }

    @Test
    void aFileNoDecoderReadsIsNamed() throws Exception {
        Path root = imageFolder();
        Path unreadable = root.resolve("a/notes.jpg");
        Files.writeString(unreadable, "not a picture");
        assertRefusedBeforeTheStore(
                grid(VALID_CORPUS, imageFolderTask(root, "")), unreadable, "no decoder recognises its content");
    }

    @Test
    void anEmptyClassFolderIsNamed() throws Exception {
        Path root = imageFolder();
        Path empty = Files.createDirectories(root.resolve("c"));
        assertRefusedBeforeTheStore(grid(VALID_CORPUS, imageFolderTask(root, "")), empty, "empty class folder");
    }

    @Test
    void aClassFolderWithoutReadableImagesIsNamed() throws Exception {
        Path root = imageFolder();
        Path other = Files.createDirectories(root.resolve("c"));
        Files.writeString(other.resolve("labels.csv"), "a,b\n");
        assertRefusedBeforeTheStore(
                grid(VALID_CORPUS, imageFolderTask(root, "")), other, "class folder with no images of a readable type");
    }

    @Test
    void aManifestNamingAMissingImageIsNamed() throws Exception {
        Path root = imageFolder();
        Path train = Files.writeString(work.resolve("train.txt"), "a/0.png\nb/7.png\n");
        Path test = Files.writeString(work.resolve("test.txt"), "a/1.png\nb/1.png\n");
        assertRefusedBeforeTheStore(
                grid(
                        VALID_CORPUS,
                        imageFolderTask(root, ", train_manifest: \"" + train + "\", test_manifest: \"" + test + "\"")),
                train,
                ":2: 'b/7.png' is not an image under " + root);
    }

    @Test
    void aVitPatchThatDoesNotDivideTheImageSideIsRefusedWithTheValidOnes() throws Exception {
        Path data = stl10(3);
        Files.writeString(
                work.resolve("grid.yaml"),
                """
                name: patch
                pretraining:
                  corpus:
                    - {name: stl10, params: {data_dir: "%s"}}
                  methods:
                    - {name: mae, params: {patch: 12}}
                    - name: scratch
                      params: {architecture: vit,
                               patch: 28}
                tasks:
                  - {name: stl10, params: {data_dir: "%s"}}
                budgets: [20]
                protocols: [linear-probe]
                """
                        .formatted(data, data));
        Path store = work.resolve("results.db");

        Cli.Outcome outcome = Cli.run(work, "run", "grid.yaml", "--results", store.toString());

        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(outcome.err().strip().lines())
                .containsExactly("grid.yaml:9: pretraining.methods[1].params.patch: pre-training method 'scratch' on"
                        + " corpus 'stl10': 28 does not divide the corpus's image side 96; valid: 1, 2, 3, 4, 6, 8,"
                        + " 12, 16, 24, 32, 48, 96");
        assertThat(store).doesNotExist();
    }

    @Test
    void aGridOnColourCifarLayoutDataRunsEndToEnd() throws Exception {
        Path data = cifar10(20);
        Files.writeString(
                work.resolve("grid.yaml"),
                grid(
                        "{name: cifar, params: {data_dir: \"" + data + "\"}}",
                        "{name: cifar, params: {data_dir: \"" + data + "\"}}"));
        Path store = work.resolve("results.db");

        Cli.Outcome run = Cli.run(work, "run", "grid.yaml", "--results", store.toString(), "--isolation", "thread");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Cli.Outcome leaderboard = Cli.run(work, "leaderboard", "--results", store.toString());
        assertThat(leaderboard.exitCode()).as(leaderboard.err()).isZero();
        assertThat(leaderboard.out()).contains("scratch").contains("cifar");
    }

    /**
     * STL-10's files with {@code perSplit} images per split (96×96×3 bytes each, random pixels), labels 1..10 in turn,
     * and a fold file whose every fold holds the first ten training images.
     */
    private Path stl10(int perSplit) throws Exception {
        Path dir = Files.createDirectories(work.resolve("stl10_binary"));
        java.util.Random random = new java.util.Random(5);
        for (String split : List.of("train", "test", "unlabeled")) {
            byte[] images = new byte[perSplit * 96 * 96 * 3];
            random.nextBytes(images);
            Files.write(dir.resolve(split + "_X.bin"), images);
            if (!split.equals("unlabeled")) {
                byte[] labels = new byte[perSplit];
                for (int n = 0; n < perSplit; n++) {
                    labels[n] = (byte) (1 + n % 10);
                }
                Files.write(dir.resolve(split + "_y.bin"), labels);
            }
        }
        Files.writeString(dir.resolve("fold_indices.txt"), "0 1 2 3 4 5 6 7 8 9\n".repeat(10));
        return dir;
    }

    /**
     * Every built-in method, each with its own encoder, under every protocol and the main bound estimators. {@code cnn}
     * sets the CNN's channels: context-encoder's decoder is dense from the feature map to every pixel, so large images
     * need enough layers to shrink the map (two layers at 96×96×3 would make it 9 216 × 27 648 weights).
     */
    private static String everyMethodGrid(String corpus, String task, int patch, String cnn) {
        return """
            name: colour
            pretraining:
              corpus:
                - %1$s
              methods:
                - {name: mae, params: {epochs: 1, patch: %3$d, width: 16, depth: 1, heads: 2, decoder_width: 16}}
                - {name: scratch, params: {architecture: vit, patch: %3$d, width: 16, depth: 1, heads: 2}}
                - {name: context-encoder, params: {epochs: 1, channels: "%4$s", mask_size: 8}}
                - {name: scratch, params: {architecture: cnn, channels: "%4$s"}}
                - {name: autoencoder, params: {hidden: "32", epochs: 1}}
            tasks:
              - %2$s
            budgets: [20]
            protocols:
              - {name: linear-probe, params: {epochs: 5}}
              - {name: fine-tune, params: {epochs: 2, min_steps: 2}}
              - knn
            seeds: [0]
            estimators: [rademacher-linear, deng-bound, param-norm]
            """
                .formatted(corpus, task, patch, cnn);
    }

    private void assertEveryCellSucceeds(String grid) throws Exception {
        Files.writeString(work.resolve("colour.yaml"), grid);
        Path store = work.resolve("colour.db");

        Cli.Outcome run = Cli.run(work, "run", "colour.yaml", "--results", store.toString(), "--parallelism", "2");

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("finished 15 cells", "15 succeeded, 0 failed");
        com.fasterxml.jackson.databind.JsonNode cells = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(Cli.run(work, "export", "--format", "json", "--results", store.toString())
                        .out());
        assertThat(cells).hasSize(15).allSatisfy(cell -> {
            assertThat(cell.get("status").asText()).isEqualTo("SUCCEEDED");
            if (!cell.get("protocol").asText().equals("knn")) { // k-NN has no head for the estimators to read
                assertThat(cell.get("bounds").has("rademacher-linear"))
                        .as(cell.get("cell_id").asText())
                        .isTrue();
            }
        });
    }

    @Test
    void everyMethodProtocolAndBoundRunsOn32x32ColourImages() throws Exception {
        Path data = cifar10(20);
        String cifar = "{name: cifar, params: {data_dir: \"" + data + "\"}}";
        assertEveryCellSucceeds(everyMethodGrid(cifar, cifar, 4, "8,16"));
    }

    @Test
    void everyMethodProtocolAndBoundRunsOn96x96ColourImages() throws Exception {
        Path data = stl10(30);
        assertEveryCellSucceeds(everyMethodGrid(
                "{name: stl10, params: {data_dir: \"" + data + "\"}}",
                "{name: stl10, params: {data_dir: \"" + data + "\"}}",
                16,
                "8,8,8,8"));
    }
}
