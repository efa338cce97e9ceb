package io.pretrainbench.images;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.InvalidParameterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CIFAR binary batches of one folder, decoded once and shared by the {@code cifar} corpus and task (as
 * Fashion-MNIST is: one decode of 60 000 images, 184 MB of pixels, serves every cell of a grid). A failed load is not
 * cached, so fixing the files mid-session works.
 */
final class Cifar {
    private static final Map<String, Cifar> LOADED = new ConcurrentHashMap<>();
    private static final Map<String, String> CHECKSUMS = new ConcurrentHashMap<>();

    /**
     * One split: the images labelled with the fine label (CIFAR-10's only one), and the coarse labels (empty for
     * CIFAR-10).
     */
    record Split(Examples fine, int[] coarse) {
        Examples labelled(boolean coarseLabels) {
            return coarseLabels ? fine.withLabels(coarse) : fine;
        }
    }

    final Split train;
    final Split test;

    private Cifar(Split train, Split test) {
        this.train = train;
        this.test = test;
    }

    /** The folder named by parameter {@code data_dir}, which has no default: CIFAR is not packaged anywhere. */
    static Path dataDir(String value, CifarVariant variant) {
        if (value.isBlank()) {
            throw new InvalidParameterException(
                    "data_dir",
                    "not set: give the folder holding " + files(variant) + " (" + variant.archive + " from "
                            + CifarVariant.SOURCE + ", extracted)");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    /** The decoded data set in {@code dir}, loaded on first use. */
    static Cifar at(Path dir, CifarVariant variant) {
        return LOADED.computeIfAbsent(dir + "#" + variant.key, k -> {
            Read train = read(dir, variant, variant.trainFiles, true);
            Read test = read(dir, variant, variant.testFiles, true);
            return new Cifar(train.split(), test.split());
        });
    }

    /**
     * SHA-256 of every file's bytes, computed once per folder in a pass that also checks each file's size and every
     * label, so that a grid on damaged files is refused at validate with the file named.
     */
    static String checksum(Path dir, CifarVariant variant) {
        return CHECKSUMS.computeIfAbsent(dir + "#" + variant.key, k -> {
            List<String> files = new ArrayList<>(variant.trainFiles);
            files.addAll(variant.testFiles);
            return read(dir, variant, files, false).digest;
        });
    }

    private record Read(Examples.PixelBuilder pixels, int[] fine, int[] coarse, String digest) {
        Split split() {
            return new Split(pixels.labelled(fine), coarse);
        }
    }

    private static Read read(Path dir, CifarVariant variant, List<String> names, boolean decode) {
        List<Path> files = names.stream().map(dir::resolve).toList();
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + ": not found; " + variant.title + " needs " + files(variant)
                        + " in data_dir (" + variant.archive + " from " + CifarVariant.SOURCE + ", extracted)");
            }
        }
        int[] counts = files.stream()
                .mapToInt(f -> RecordFile.count(f, variant.recordSize(), "a " + variant.title + " batch"))
                .toArray();
        int total = java.util.Arrays.stream(counts).sum();
        Examples.PixelBuilder pixels = decode
                ? Examples.pixelBuilder(total, CifarVariant.SIDE, CifarVariant.SIDE, CifarVariant.CHANNELS)
                : null;
        byte[] interleaved = new byte[CifarVariant.PIXEL_BYTES];
        int[] fine = new int[total];
        int[] coarse = new int[variant.coarseClasses.isEmpty() ? 0 : total];
        java.security.MessageDigest digest = RecordFile.sha256();
        int first = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            int offset = first;
            RecordFile.scan(file, variant.recordSize(), 0, digest, (i, record) -> {
                int n = offset + i;
                fine[n] = label(record, variant.labelBytes() - 1, variant.fineClasses.size(), file, i);
                if (coarse.length > 0) {
                    coarse[n] = label(record, 0, variant.coarseClasses.size(), file, i);
                }
                if (pixels != null) {
                    Pixels.planesToInterleaved(
                            record,
                            variant.labelBytes(),
                            CifarVariant.SIDE,
                            CifarVariant.SIDE,
                            CifarVariant.CHANNELS,
                            false,
                            interleaved,
                            0);
                    pixels.row(n, interleaved, 0);
                }
            });
            first += counts[f];
        }
        return new Read(pixels, fine, coarse, RecordFile.hex(digest));
    }

    private static int label(byte[] record, int at, int classes, Path file, int index) {
        int label = record[at] & 0xff;
        if (label >= classes) {
            throw new IllegalArgumentException(file + ": record " + index + " has label " + label + ", outside the "
                    + classes + " classes [0, " + (classes - 1) + "]: the file is damaged or not this variant's");
        }
        return label;
    }

    private static String files(CifarVariant variant) {
        List<String> all = new ArrayList<>(variant.trainFiles);
        all.addAll(variant.testFiles);
        return String.join(", ", all);
    }
}
