package io.pretrainbench.protocols;

import io.pretrainbench.api.data.Examples;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The first images of Fashion-MNIST's files, for tests that need real pictures: reads only as many as asked, so a test
 * pays for hundreds of images, not 70 000. The production reader, with full validation, is the {@code fashion-mnist}
 * plugin's.
 */
final class FashionMnistSlice {
    static final Path DIR = Path.of("/usr/share/datasets/fashion-mnist");

    private FashionMnistSlice() {}

    static Examples train(int count) throws IOException {
        return read("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", count);
    }

    static Examples test(int count) throws IOException {
        return read("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", count);
    }

    private static Examples read(String imageFile, String labelFile, int count) throws IOException {
        Path images = DIR.resolve(imageFile);
        Path labels = DIR.resolve(labelFile);
        if (!Files.isReadable(images) || !Files.isReadable(labels)) {
            throw new IOException("Fashion-MNIST is missing in " + DIR + ": run bin/setup (Debian: apt-get install "
                    + "dataset-fashion-mnist)");
        }
        try (DataInputStream in = open(images);
                DataInputStream lab = open(labels)) {
            // IDX headers: magic (0x803 images, 0x801 labels), count, then rows and columns for images.
            if (in.readInt() != 0x803 || lab.readInt() != 0x801) {
                throw new IOException("not IDX image/label files: " + images + ", " + labels);
            }
            int available = Math.min(in.readInt(), lab.readInt());
            if (in.readInt() != 28 || in.readInt() != 28 || count > available) {
                throw new IOException("expected at least " + count + " images of 28×28 in " + images);
            }
            byte[] pixels = new byte[count * 784];
            byte[] classes = new byte[count];
            in.readFully(pixels);
            lab.readFully(classes);
            float[] values = new float[pixels.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = (pixels[i] & 0xff) / 255f;
            }
            int[] ys = new int[count];
            for (int i = 0; i < count; i++) {
                ys[i] = classes[i];
            }
            return Examples.labelled(values, ys, 28, 28, 1);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(file))));
    }
}
