package io.pretrainbench.images;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Classification over a {@code root/<class>/<image>} tree. The train/test split is either fixed by two manifest files
 * (one image path per line, relative to root, so a published split can be reproduced) or drawn per class with a seed:
 * {@code floor(test_fraction × n)} of each class's n images go to the test split, so every class keeps training images.
 */
public final class ImageFolderTask implements DownstreamTask {
    static final double MAX_TEST_FRACTION = 0.9;
    static final double DEFAULT_TEST_FRACTION = 0.2;

    @Override
    public PluginDescriptor descriptor() {
        List<ParameterSpec> specs = new ArrayList<>(ImageFolderParameters.specs());
        specs.add(ParameterSpec.string(
                "train_manifest", "", "file listing the training images, one path relative to root per line"));
        specs.add(ParameterSpec.string(
                "test_manifest", "", "file listing the test images (needs train_manifest; replaces test_fraction)"));
        specs.add(ParameterSpec.real(
                "test_fraction",
                DEFAULT_TEST_FRACTION,
                0,
                MAX_TEST_FRACTION,
                "without manifests: this fraction of each class (rounded down) is the test split"));
        specs.add(ParameterSpec.integer(
                "split_seed", 0, 0, Integer.MAX_VALUE, "without manifests: the seed of the per-class split"));
        return new PluginDescriptor(
                "image-folder",
                "1.0.0",
                "Classification over a root/<class>/<image> tree: classes in sorted name order, manifests or a seeded"
                        + " split.",
                SpiVersion.CURRENT,
                specs);
    }

    @Override
    public TaskData load(DataContext context) {
        Parameters p = context.params();
        ImageFolder folder = labelledFolder(p);
        int[][] split = split(folder, p);
        return new TaskData(folder.images.subset(split[0]), folder.images.subset(split[1]), folder.classes);
    }

    @Override
    public String dataChecksum(DataContext context) {
        Parameters p = context.params();
        ImageFolder folder = labelledFolder(p);
        split(folder, p);
        String splitIdentity = p.getString("train_manifest").isBlank()
                ? ";test_fraction=" + p.getDouble("test_fraction") + ";split_seed=" + p.getInt("split_seed")
                : ";manifests=" + RecordFile.sha256(Path.of(p.getString("train_manifest"))) + ","
                        + RecordFile.sha256(Path.of(p.getString("test_manifest")));
        return folder.digest + ImageFolderParameters.describe(p) + splitIdentity;
    }

    private static ImageFolder labelledFolder(Parameters p) {
        ImageFolder folder = ImageFolderParameters.folder(p);
        if (folder.classes.isEmpty()) {
            throw new IllegalArgumentException(ImageFolder.root(p.getString("root"))
                    + ": has no class sub-folders; a task needs root/<class>/<image> (a flat folder of images is an"
                    + " image-folder corpus)");
        }
        return folder;
    }

    /** Rows of the training pool and of the test split. */
    private static int[][] split(ImageFolder folder, Parameters p) {
        String train = p.getString("train_manifest");
        String test = p.getString("test_manifest");
        if (train.isBlank() != test.isBlank()) {
            String missing = train.isBlank() ? "train_manifest" : "test_manifest";
            throw new InvalidParameterException(
                    missing, "not set: train_manifest and test_manifest fix a split together; give both or neither");
        }
        if (!train.isBlank()) {
            int[] trainRows = folder.manifestRows(Path.of(train), Set.of());
            Set<Integer> taken = new HashSet<>();
            for (int row : trainRows) {
                taken.add(row);
            }
            return new int[][] {trainRows, folder.manifestRows(Path.of(test), taken)};
        }
        return seededSplit(folder, p.getDouble("test_fraction"), p.getInt("split_seed"));
    }

    private static int[][] seededSplit(ImageFolder folder, double testFraction, long seed) {
        Random random = new Random(seed);
        boolean[] isTest = new boolean[folder.images.count()];
        for (int label = 0; label < folder.classes.size(); label++) {
            int c = label;
            List<Integer> rows = new ArrayList<>(IntStream.range(0, isTest.length)
                    .filter(i -> folder.images.label(i) == c)
                    .boxed()
                    .toList());
            java.util.Collections.shuffle(rows, random);
            int testCount = (int) Math.floor(testFraction * rows.size());
            rows.subList(0, testCount).forEach(i -> isTest[i] = true);
        }
        int[] testRows =
                IntStream.range(0, isTest.length).filter(i -> isTest[i]).toArray();
        if (testRows.length == 0) {
            throw new InvalidParameterException(
                    "test_fraction",
                    testFraction + " of each class leaves no test image among " + isTest.length
                            + " images; raise it or give train_manifest and test_manifest");
        }
        return new int[][] {
            IntStream.range(0, isTest.length).filter(i -> !isTest[i]).toArray(), testRows
        };
    }
}
