package io.pretrainbench.cli;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.task.TaskData;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes a task's data as an ImageFolder tree that the {@code image-folder} task and corpus read back unchanged:
 * {@code out/<class>/<split>-<index>.png}, 8-bit grey or RGB, and the manifests {@code train.txt} and {@code test.txt}
 * listing the images in the task's own order (image-folder orders a split by its manifest, not by path).
 *
 * <p>Class folders are named {@code <label>-<name>}, the label zero-padded, because image-folder numbers classes by
 * sorted folder name: the prefix makes that order the task's label order whatever the names are.
 */
final class ImageFolderWriter {
    static final String TRAIN_MANIFEST = "train.txt";
    static final String TEST_MANIFEST = "test.txt";
    private static final int GREY = 1;
    private static final int COLOUR = 3;
    /**
     * An 8-bit pixel b is the float b / 255 in every data plugin of this project (Fashion-MNIST's IDX reader, CIFAR,
     * STL-10, image-folder); only such values survive a PNG.
     */
    private static final float MAX_BYTE = 255f;

    /** What was written: images per split and the class folder names, label = index. */
    record Written(int train, int test, List<String> classFolders) {}

    private ImageFolderWriter() {}

    /**
     * @param limit at most this many images of each split, the first in the task's order (0 = all)
     * @throws IllegalArgumentException when the data are not 8-bit images or the limit leaves a class without images
     */
    static Written write(String taskName, TaskData data, int limit, Path out) {
        int[] shape = data.trainPool().shape();
        if (shape.length != 3 || (shape[2] != GREY && shape[2] != COLOUR)) {
            throw new IllegalArgumentException("task '" + taskName + "' has examples of shape " + Arrays.toString(shape)
                    + "; export-images writes images of shape [height, width, 1 or 3]");
        }
        Examples train = first(data.trainPool(), limit);
        Examples test = first(data.test(), limit);
        List<String> folders = classFolders(data.classNames());
        boolean[] present = new boolean[folders.size()];
        for (Examples split : List.of(train, test)) {
            for (int i = 0; i < split.count(); i++) {
                present[split.label(i)] = true;
            }
        }
        for (int label = 0; label < present.length; label++) {
            if (!present[label]) {
                throw new IllegalArgumentException("--limit " + limit + ": the exported images hold none of class '"
                        + data.classNames().get(label) + "' (label " + label + "); image-folder finds classes by their"
                        + " folders, so the labels after it would shift: raise --limit or give 0 for all");
            }
        }
        try {
            Files.createDirectories(out);
            Files.write(out.resolve(TRAIN_MANIFEST), writeSplit(taskName, train, "train", folders, out));
            Files.write(out.resolve(TEST_MANIFEST), writeSplit(taskName, test, "test", folders, out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Written(train.count(), test.count(), folders);
    }

    private static Examples first(Examples split, int limit) {
        return limit == 0 ? split : split.first(limit);
    }

    private static List<String> classFolders(List<String> names) {
        int digits = Integer.toString(Math.max(0, names.size() - 1)).length();
        List<String> folders = new ArrayList<>();
        for (int label = 0; label < names.size(); label++) {
            folders.add(String.format(
                    "%0" + digits + "d-%s", label, names.get(label).replaceAll("[^A-Za-z0-9._-]+", "_")));
        }
        return folders;
    }

    /** Writes one split's images; returns their paths relative to {@code out}, in the split's order. */
    private static List<String> writeSplit(
            String taskName, Examples split, String splitName, List<String> folders, Path out) throws IOException {
        int[] shape = split.shape();
        int height = shape[0];
        int width = shape[1];
        int channels = shape[2];
        int digits = Integer.toString(Math.max(0, split.count() - 1)).length();
        float[] values = new float[split.exampleSize()];
        int[] bytes = new int[split.exampleSize()];
        List<String> paths = new ArrayList<>(split.count());
        for (int i = 0; i < split.count(); i++) {
            split.copyRow(i, values, 0);
            for (int j = 0; j < values.length; j++) {
                bytes[j] = Math.round(values[j] * MAX_BYTE);
                if (bytes[j] < 0 || bytes[j] > MAX_BYTE || bytes[j] / MAX_BYTE != values[j]) {
                    throw new IllegalArgumentException("task '" + taskName + "', " + splitName + " example " + i
                            + ": value " + values[j] + " at position " + j + " is not an 8-bit pixel (byte / 255);"
                            + " a PNG would change it, so export-images writes only 8-bit image data");
                }
            }
            BufferedImage image = new BufferedImage(
                    width, height, channels == GREY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
            WritableRaster raster = image.getRaster();
            // Examples are [height, width, channels] with channels interleaved, as the raster's pixels are.
            raster.setPixels(0, 0, width, height, bytes);
            String path = folders.get(split.label(i)) + "/" + String.format("%s-%0" + digits + "d.png", splitName, i);
            Path file = out.resolve(path);
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
            paths.add(path);
        }
        return paths;
    }
}
