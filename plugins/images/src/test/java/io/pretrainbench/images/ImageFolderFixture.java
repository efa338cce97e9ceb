package io.pretrainbench.images;

import io.pretrainbench.api.data.Examples;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Writes images and ImageFolder trees for the tests, with pixels the tests can predict. */
final class ImageFolderFixture {
    /** The stored byte at (row, column, channel) of image {@code n}. */
    @FunctionalInterface
    interface PixelFunction {
        int at(int row, int column, int channel);
    }

    private ImageFolderFixture() {}

    static int pixel(int n, int row, int column, int channel) {
        return (n * 17 + row * 9 + column * 5 + channel * 70) & 0xff;
    }

    /** Writes one image of {@code channels} (1: 8-bit grey, 3: 24-bit RGB) in {@code format} (png, bmp, gif, jpg). */
    static Path write(Path file, String format, int height, int width, int channels, PixelFunction pixel) {
        BufferedImage image = new BufferedImage(
                width, height, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                if (channels == 1) {
                    image.getRaster().setSample(c, r, 0, pixel.at(r, c, 0));
                } else {
                    image.setRGB(c, r, pixel.at(r, c, 0) << 16 | pixel.at(r, c, 1) << 8 | pixel.at(r, c, 2));
                }
            }
        }
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * A tree {@code root/<class>/<k>.png} of {@code perClass} 8×6 RGB images per class; image n (counting over the
     * classes in the order given) has the pixels {@link #pixel} gives.
     */
    static Path tree(Path root, List<String> classes, int perClass) {
        int n = 0;
        for (String c : classes) {
            for (int k = 0; k < perClass; k++, n++) {
                int image = n;
                write(root.resolve(c).resolve(k + ".png"), "png", 8, 6, 3, (r, col, ch) -> pixel(image, r, col, ch));
            }
        }
        return root;
    }

    /**
     * Writes labelled examples of one grey channel as an ImageFolder tree of 8-bit PNGs,
     * {@code root/<label>/<name>.png}, with class folders named by zero-padded label so that sorted name order is label
     * order; returns the image paths relative to root, in row order, for a manifest.
     */
    static List<String> writeGreyTree(Examples examples, Path root, String prefix) {
        int[] shape = examples.shape();
        int classes = java.util.Arrays.stream(examples.labels()).max().orElse(0) + 1;
        int digits = Integer.toString(classes - 1).length();
        float[] row = new float[examples.exampleSize()];
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < examples.count(); i++) {
            examples.copyRow(i, row, 0);
            String path = String.format("%0" + digits + "d/%s-%05d.png", examples.label(i), prefix, i);
            write(
                    root.resolve(path),
                    "png",
                    shape[0],
                    shape[1],
                    1,
                    (r, c, k) -> Math.round(row[r * shape[1] + c] * 255));
            paths.add(path);
        }
        return paths;
    }
}
