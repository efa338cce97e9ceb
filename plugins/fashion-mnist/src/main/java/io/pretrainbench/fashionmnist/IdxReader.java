package io.pretrainbench.fashionmnist;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.zip.GZIPInputStream;

/**
 * Reads gzip-compressed IDX files (the MNIST format): a big-endian header with a magic number and dimensions, then
 * unsigned bytes. A file is decompressed once ({@link #gunzip}) and its content parsed from memory, so that the same
 * pass can also digest it. Every check names the file and says what was expected.
 */
final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803; // unsigned byte, 3 dimensions
    static final int LABELS_MAGIC = 0x00000801; // unsigned byte, 1 dimension

    private IdxReader() {}

    /**
     * The decompressed content of {@code file}, with the file's bytes (also any after the gzip member) added to
     * {@code fileBytes}.
     *
     * @throws java.util.zip.ZipException when it is not gzip data, {@link java.io.EOFException} when it is truncated
     */
    static byte[] gunzip(Path file, MessageDigest fileBytes) throws IOException {
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), fileBytes)) {
            byte[] content = new GZIPInputStream(raw, 1 << 16).readAllBytes();
            raw.transferTo(OutputStream.nullOutputStream());
            return content;
        }
    }

    /** Images as pixels scaled to [0, 1], row-major, {@code count × rows × columns}, from {@code file}'s content. */

    /** Images as their stored 8-bit pixels, row-major, {@code count × rows × columns}, from {@code file}'s content. */
    static byte[] readImages(Path file, byte[] content, int expectedCount, int rows, int columns) throws IOException {
        try (DataInputStream in = open(content)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new IOException(file + ": not an IDX image file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x" + Integer.toHexString(IMAGES_MAGIC) + ")");
            }
            int count = in.readInt();
            int r = in.readInt();
            int c = in.readInt();
            if (count != expectedCount || r != rows || c != columns) {
                throw new IOException(file + ": holds " + count + " images of " + r + "×" + c + ", expected "
                        + expectedCount + " of " + rows + "×" + columns);
            }
            return readFully(in, file, count * rows * columns);
        }
    }

    /** Labels in [0, {@code numClasses}), from {@code file}'s content. */
    static int[] readLabels(Path file, byte[] content, int expectedCount, int numClasses) throws IOException {
        try (DataInputStream in = open(content)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new IOException(file + ": not an IDX label file (magic 0x" + Integer.toHexString(magic)
                        + ", expected 0x" + Integer.toHexString(LABELS_MAGIC) + ")");
            }
            int count = in.readInt();
            if (count != expectedCount) {
                throw new IOException(file + ": holds " + count + " labels, expected " + expectedCount);
            }
            byte[] raw = readFully(in, file, count);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xff;
                if (labels[i] >= numClasses) {
                    throw new IOException(
                            file + ": label " + labels[i] + " at index " + i + " is not in [0, " + numClasses + ")");
                }
            }
            return labels;
        }
    }

    private static DataInputStream open(byte[] content) {
        return new DataInputStream(new ByteArrayInputStream(content));
    }

    private static byte[] readFully(DataInputStream in, Path file, int length) throws IOException {
        byte[] data = new byte[length];
        try {
            in.readFully(data);
        } catch (EOFException e) {
            throw new IOException(file + ": truncated, expected " + length + " bytes of data after the header", e);
        }
        if (in.read() != -1) {
            throw new IOException(file + ": has data after the expected " + length + " bytes");
        }
        return data;
    }
}
