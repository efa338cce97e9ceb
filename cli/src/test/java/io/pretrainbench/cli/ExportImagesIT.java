package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code export-images} from the real launcher: a slice of Fashion-MNIST written as a PNG tree with manifests, and a
 * grid whose image-folder corpus and task read it back validates and runs.
 */
class ExportImagesIT {
    private static final int TRAIN = 120;
    private static final int TEST = 60;

    @TempDir
    Path work;

    @Test
    void aSliceOfFashionMnistExportsAsAPngTreeThatAGridRunsOn() throws Exception {
        Path out = work.resolve("fmnist");

        Cli.Outcome export = Cli.run(
                work,
                "export-images",
                "--task",
                "fmnist-10class",
                "--task-params",
                "test_limit=" + TEST,
                "--limit",
                Integer.toString(TRAIN),
                "--out",
                out.toString());

        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("wrote " + TRAIN + " training and " + TEST + " test images of 10 classes");
        List<String> train = Files.readAllLines(out.resolve("train.txt"));
        assertThat(train).hasSize(TRAIN).allSatisfy(p -> assertThat(out.resolve(p))
                .isRegularFile());
        assertThat(Files.readAllLines(out.resolve("test.txt"))).hasSize(TEST);
        try (Stream<Path> classes = Files.list(out).filter(Files::isDirectory).sorted()) {
            assertThat(classes.map(p -> p.getFileName().toString()).toList())
                    .hasSize(10)
                    .startsWith("0-T-shirt_top", "1-Trouser")
                    .endsWith("9-Ankle_boot");
        }
        // the first training image of Fashion-MNIST is an ankle boot
        assertThat(train.get(0)).isEqualTo("9-Ankle_boot/train-000.png");

        Files.writeString(
                work.resolve("grid.yaml"),
                """
                name: exported
                pretraining:
                  corpus:
                    - {name: image-folder, params: {root: "%1$s", channels: 1, manifest: "%1$s/train.txt", limit: 100}}
                  methods:
                    - {name: scratch, params: {hidden: "32"}}
                tasks:
                  - name: image-folder
                    params:
                      root: "%1$s"
                      channels: 1
                      train_manifest: "%1$s/train.txt"
                      test_manifest: "%1$s/test.txt"
                budgets: [20]
                protocols:
                  - {name: linear-probe, params: {epochs: 5}}
                seeds: [0]
                """
                        .formatted(out));
        Cli.Outcome validate = Cli.run(work, "validate", "grid.yaml");
        assertThat(validate.exitCode()).as(validate.err()).isZero();
        Path store = work.resolve("results.db");
        Cli.Outcome run = Cli.run(work, "run", "grid.yaml", "--results", store.toString(), "--isolation", "thread");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = Files.createDirectories(work.resolve("taken"));
        Files.writeString(out.resolve("notes.txt"), "mine");

        Cli.Outcome export =
                Cli.run(work, "export-images", "--task", "fmnist-10class", "--limit", "10", "--out", out.toString());

        assertThat(export.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(export.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .contains("--out " + out)
                .contains("not an empty folder");
        try (Stream<Path> entries = Files.list(out)) {
            assertThat(entries).hasSize(1);
        }
    }
}
