package io.pretrainbench.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes CIFAR binary batches in the published layout: per record the label byte(s) (CIFAR-100: coarse, then fine),
 * then the red, green and blue planes of 32×32 pixels, each row by row. Record n of a split has fine label {@code n %
 * classes}, coarse label {@code n % coarse classes} and the pixels {@link #pixel} gives.
 */
final class CifarFixture {
    private CifarFixture() {}

    /** The stored byte of record {@code n}'s pixel at (row, column) in channel k (0 red, 1 green, 2 blue). */
    static int pixel(int n, int row, int column, int channel) {
        return (n * 31 + row * 7 + column * 3 + channel * 85) & 0xff;
    }

    /** Writes every file of {@code variant}, {@code perFile} records each; returns {@code dir}. */
    static Path write(Path dir, CifarVariant variant, int perFile) {
        writeSplit(dir, variant, variant.trainFiles, perFile);
        writeSplit(dir, variant, variant.testFiles, perFile);
        return dir;
    }

    private static void writeSplit(Path dir, CifarVariant variant, List<String> files, int perFile) {
        int n = 0;
        for (String name : files) {
            byte[] bytes = new byte[perFile * variant.recordSize()];
            for (int i = 0; i < perFile; i++, n++) {
                int at = i * variant.recordSize();
                if (variant.labelBytes() == 2) {
                    bytes[at++] = (byte) (n % variant.coarseClasses.size());
                }
                bytes[at++] = (byte) (n % variant.fineClasses.size());
                for (int k = 0; k < CifarVariant.CHANNELS; k++) {
                    for (int r = 0; r < CifarVariant.SIDE; r++) {
                        for (int c = 0; c < CifarVariant.SIDE; c++) {
                            bytes[at++] = (byte) pixel(n, r, c, k);
                        }
                    }
                }
            }
            try {
                Files.createDirectories(dir);
                Files.write(dir.resolve(name), bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
