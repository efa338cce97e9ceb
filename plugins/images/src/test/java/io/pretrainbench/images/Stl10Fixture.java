package io.pretrainbench.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Writes STL-10 binary files in the published layout: per image the red, green and blue planes of 96×96 bytes, each
 * plane column by column; label files of one byte per image, 1-based. Image n of a file has label {@code n % 10 + 1}
 * and the pixels {@link #pixel} gives; fold f of {@code fold_indices.txt} holds the training indices {@code f, f + 10,
 * f + 20, ...} in reverse order.
 */
final class Stl10Fixture {
    private Stl10Fixture() {}

    /** The stored byte of image n's pixel at (row, column) in channel k (0 red, 1 green, 2 blue). */
    static int pixel(int n, int row, int column, int channel) {
        return (n * 13 + row * 5 + column * 11 + channel * 85) & 0xff;
    }

    static Path write(Path dir, int train, int test, int unlabelled) {
        try {
            Files.createDirectories(dir);
            writeImages(dir.resolve("train_X.bin"), train);
            writeLabels(dir.resolve("train_y.bin"), train);
            writeImages(dir.resolve("test_X.bin"), test);
            writeLabels(dir.resolve("test_y.bin"), test);
            writeImages(dir.resolve("unlabeled_X.bin"), unlabelled);
            StringBuilder folds = new StringBuilder();
            for (int f = 0; f < Stl10.FOLDS; f++) {
                int fold = f;
                folds.append(Arrays.stream(foldIndices(train, fold))
                                .mapToObj(Integer::toString)
                                .collect(Collectors.joining(" ")))
                        .append(" \n"); // the release's lines end in a space
            }
            Files.writeString(dir.resolve(Stl10.FOLD_FILE), folds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    static int[] foldIndices(int train, int fold) {
        return IntStream.iterate(train - 1, i -> i >= 0, i -> i - 1)
                .filter(i -> i / Stl10.FOLDS % Stl10.FOLDS == fold)
                .toArray();
    }

    private static void writeImages(Path file, int count) throws IOException {
        byte[] bytes = new byte[count * Stl10.IMAGE_BYTES];
        int at = 0;
        for (int n = 0; n < count; n++) {
            for (int k = 0; k < Stl10.CHANNELS; k++) {
                for (int c = 0; c < Stl10.SIDE; c++) {
                    for (int r = 0; r < Stl10.SIDE; r++) {
                        bytes[at++] = (byte) pixel(n, r, c, k);
                    }
                }
            }
        }
        Files.write(file, bytes);
    }

    private static void writeLabels(Path file, int count) throws IOException {
        byte[] bytes = new byte[count];
        for (int n = 0; n < count; n++) {
            bytes[n] = (byte) (n % Stl10.CLASS_NAMES.size() + 1);
        }
        Files.write(file, bytes);
    }
}
