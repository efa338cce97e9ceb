package io.pretrainbench.images;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The STL-10 binary release (https://cs.stanford.edu/~acoates/stl10/, {@code stl10_binary.tar.gz}): 96×96 colour
 * images, each stored as its red, green and blue planes, every plane column by column (the release was written from
 * MATLAB); label files of one byte per image, 1 to 10; {@code fold_indices.txt}, ten lines of 0-based indices into the
 * training images, the predefined 1 000-image training folds. Decoded splits are cached as {@link Cifar}'s are.
 */
final class Stl10 {
    static final int SIDE = 96;
    static final int CHANNELS = 3;
    static final int IMAGE_BYTES = SIDE * SIDE * CHANNELS;
    static final int FOLDS = 10;
    static final String FOLD_FILE = "fold_indices.txt";
    static final String UNLABELLED = "unlabeled";
    static final List<String> CLASS_NAMES =
            List.of("airplane", "bird", "car", "cat", "deer", "dog", "horse", "monkey", "ship", "truck");
    private static final String SOURCE = "stl10_binary.tar.gz from https://cs.stanford.edu/~acoates/stl10/, extracted";

    private static final Map<String, Examples> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, String> CHECKSUMS = new ConcurrentHashMap<>();

    private Stl10() {}

    /** The folder named by parameter {@code data_dir}, which has no default: STL-10 is not packaged anywhere. */
    static Path dataDir(String value) {
        if (value.isBlank()) {
            throw new InvalidParameterException(
                    "data_dir", "not set: give the folder holding train_X.bin, train_y.bin, ... (" + SOURCE + ")");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    /**
     * The images of {@code split} ({@code train}, {@code test} or {@code unlabeled}), the first {@code limit} of them
     * (0 = all), labelled 0-9 unless unlabelled.
     */
    static Examples images(Path dir, String split, int limit) {
        return LOADED.computeIfAbsent(dir + "#" + split + "#" + limit, k -> read(dir, split, limit, true).images);
    }

    /** SHA-256 of the bytes {@link #images} reads, after the same size and label checks; computed once. */
    static String checksum(Path dir, String split, int limit) {
        return CHECKSUMS.computeIfAbsent(dir + "#" + split + "#" + limit, k -> read(dir, split, limit, false).digest);
    }

    private record Read(Examples images, String digest) {}

    private static Read read(Path dir, String split, int limit, boolean decode) {
        Path imageFile = existing(dir, split + "_X.bin");
        int available = RecordFile.count(imageFile, IMAGE_BYTES, "an STL-10 image file (96x96x3 bytes per image)");
        int count = limit == 0 ? available : Math.min(limit, available);
        MessageDigest digest = RecordFile.sha256();
        int[] labels = null;
        if (!split.equals(UNLABELLED)) {
            Path labelFile = existing(dir, split + "_y.bin");
            int labelCount = RecordFile.count(labelFile, 1, "an STL-10 label file (one byte per image)");
            if (labelCount != available) {
                throw new IllegalArgumentException(labelFile + ": " + labelCount + " labels for the " + available
                        + " images of " + imageFile.getFileName() + ": one of the two files is truncated");
            }
            int[] read = new int[count];
            RecordFile.scan(
                    labelFile, 1, count, digest, (i, record) -> read[i] = label(record[0] & 0xff, labelFile, i));
            labels = read;
        }
        Examples.PixelBuilder pixels = decode ? Examples.pixelBuilder(count, SIDE, SIDE, CHANNELS) : null;
        byte[] interleaved = new byte[IMAGE_BYTES];
        RecordFile.scan(imageFile, IMAGE_BYTES, count, digest, (i, record) -> {
            if (pixels != null) {
                Pixels.planesToInterleaved(record, 0, SIDE, SIDE, CHANNELS, true, interleaved, 0);
                pixels.row(i, interleaved, 0);
            }
        });
        Examples images = !decode ? null : labels == null ? pixels.unlabelled() : pixels.labelled(labels);
        return new Read(images, RecordFile.hex(digest));
    }

    /** The published labels are 1-based; examples here are labelled 0-based. */
    private static int label(int stored, Path file, int index) {
        if (stored < 1 || stored > CLASS_NAMES.size()) {
            throw new IllegalArgumentException(file + ": label " + stored + " of image " + index
                    + " is outside STL-10's classes 1-" + CLASS_NAMES.size());
        }
        return stored - 1;
    }

    /**
     * The training indices of predefined fold {@code fold} (line {@code fold + 1} of {@value #FOLD_FILE}), each checked
     * against the {@code trainCount} training images.
     */
    static int[] fold(Path dir, int fold, int trainCount) {
        Path file = existing(dir, FOLD_FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (lines.size() < fold + 1) {
            throw new IllegalArgumentException(file + ": has " + lines.size() + " lines, fold " + fold + " is line "
                    + (fold + 1) + " (STL-10 has " + FOLDS + " folds, one per line)");
        }
        String[] fields = lines.get(fold).strip().split("\\s+");
        int[] indices = new int[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                indices[i] = Integer.parseInt(fields[i]);
            } catch (NumberFormatException e) {
                indices[i] = -1;
            }
            if (indices[i] < 0 || indices[i] >= trainCount) {
                throw new IllegalArgumentException(file + ":" + (fold + 1) + ": '" + fields[i]
                        + "' is not an index of the " + trainCount + " training images (0-" + (trainCount - 1) + ")");
            }
        }
        return indices;
    }

    /** SHA-256 of {@value #FOLD_FILE}, for the identity of a task that uses a fold. */
    static String foldChecksum(Path dir) {
        return RecordFile.sha256(existing(dir, FOLD_FILE));
    }

    private static Path existing(Path dir, String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + ": not found; STL-10 needs it in data_dir (" + SOURCE + ")");
        }
        return file;
    }
}
