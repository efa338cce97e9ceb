package io.pretrainbench.fashionmnist;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.InvalidParameterException;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipException;

/**
 * The Fashion-MNIST files of one directory, decoded once and shared: 60 000 training and 10 000 test images of 28×28
 * grey pixels in [0, 1], ten classes. Shared by the corpus and task plugins of this module, which all read it through
 * {@link #at(Path)}.
 *
 * <p>The cache is per class loader rather than per plugin instance on purpose: the corpus and both tasks of a grid read
 * the same files, and one decode (55 MB, pixels kept as bytes) serves all three instead of one each. Loading is
 * thread-safe ({@link ConcurrentHashMap#computeIfAbsent} decodes a directory once even when cells ask at the same time)
 * and a failed load is not cached, so installing the files mid-session works.
 *
 * <p>Selections are deterministic and need no seed: the first N examples of the chosen classes in file order
 * ({@link #select}). Fashion-MNIST's files are already in a fixed order mixed across classes, so a prefix is a fair
 * sample, and every cell that asks for N examples gets the same N.
 */
final class FashionMnist {
    static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    static final int SIDE = 28;
    static final int TRAIN_COUNT = 60_000;
    static final int TEST_COUNT = 10_000;
    static final List<String> CLASS_NAMES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final List<String> FILES = List.of(
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz",
            "t10k-labels-idx1-ubyte.gz");
    /**
     * SHA-256 of each file's decompressed IDX content, as released by Zalando and packaged by Debian. Checked rather
     * than the .gz bytes, which change whenever a distribution recompresses the same data.
     */
    static final List<String> CONTENT_SHA256 = List.of(
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    private static final Map<Path, FashionMnist> LOADED = new ConcurrentHashMap<>();

    final Examples train;
    final Examples test;
    /** SHA-256 over the four files' bytes. */
    final String checksum;

    private FashionMnist(Examples train, Examples test, String checksum) {
        this.train = train;
        this.test = test;
        this.checksum = checksum;
    }

    /** The decoded data set in {@code dir}, loaded on first use. */
    static FashionMnist at(Path dir) {
        return LOADED.computeIfAbsent(dir.toAbsolutePath().normalize(), FashionMnist::load);
    }

    private static final String REINSTALL = "reinstall it with `apt-get install --reinstall dataset-fashion-mnist`, or"
            + " set data_dir to a folder holding the genuine files";

    /**
     * SHA-256 over the four files, from the one pass that decodes them ({@link #at}): a grid's checksum and its data
     * cost one decompression per process, not two. Fails with how to install the files when missing, and names the file
     * when its content is not Fashion-MNIST's, so a grid is refused before anything runs.
     */
    static String checksum(Path dir) {
        return at(dir).checksum;
    }

    /**
     * Reads each file once: decompresses it (digesting its bytes for the checksum), decodes it, then checks its content
     * against Fashion-MNIST's ({@link #CONTENT_SHA256}), after decoding because a header or count error says more than
     * a content mismatch.
     */
    private static FashionMnist load(Path dir) {
        requireFiles(dir);
        MessageDigest files = sha256();
        byte[][] contents = new byte[FILES.size()][];
        for (int i = 0; i < FILES.size(); i++) {
            Path file = dir.resolve(FILES.get(i));
            try {
                contents[i] = IdxReader.gunzip(file, files);
            } catch (EOFException | ZipException e) {
                throw new IllegalArgumentException(file + ": cannot be read as a gzip file (" + e.getMessage()
                        + "): the file is truncated or damaged; " + REINSTALL);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": cannot be read (" + e + ")");
            }
        }
        try {
            int[] shape = {SIDE, SIDE, 1};
            Examples train = Examples.labelledPixels(
                    IdxReader.readImages(dir.resolve(FILES.get(0)), contents[0], TRAIN_COUNT, SIDE, SIDE),
                    IdxReader.readLabels(dir.resolve(FILES.get(1)), contents[1], TRAIN_COUNT, CLASS_NAMES.size()),
                    shape);
            Examples test = Examples.labelledPixels(
                    IdxReader.readImages(dir.resolve(FILES.get(2)), contents[2], TEST_COUNT, SIDE, SIDE),
                    IdxReader.readLabels(dir.resolve(FILES.get(3)), contents[3], TEST_COUNT, CLASS_NAMES.size()),
                    shape);
            for (int i = 0; i < FILES.size(); i++) {
                String actual = HexFormat.of().formatHex(sha256().digest(contents[i]));
                if (!actual.equals(CONTENT_SHA256.get(i))) {
                    throw new IllegalArgumentException(dir.resolve(FILES.get(i)) + ": its content (SHA-256 " + actual
                            + ") is not Fashion-MNIST's " + FILES.get(i) + " (SHA-256 " + CONTENT_SHA256.get(i)
                            + "): the file is damaged or another data set; " + REINSTALL);
                }
            }
            return new FashionMnist(train, test, HexFormat.of().formatHex(files.digest()));
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void requireFiles(Path dir) {
        List<String> missing =
                FILES.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Fashion-MNIST not found at " + dir + " (missing " + missing
                    + "): install it with `apt-get install -y dataset-fashion-mnist` (Debian), or set the"
                    + " parameter data_dir");
        }
    }

    /**
     * Parses a class selection: {@code all}, or a comma-separated list of class indices such as {@code 0,2,4}.
     *
     * @throws InvalidParameterException naming the parameter and what is valid
     */
    static int[] parseClasses(String parameter, String value) {
        if (value.strip().equals("all")) {
            return java.util.stream.IntStream.range(0, CLASS_NAMES.size()).toArray();
        }
        TreeSet<Integer> classes = new TreeSet<>();
        for (String part : value.split(",")) {
            try {
                int c = Integer.parseInt(part.strip());
                if (c < 0 || c >= CLASS_NAMES.size() || !classes.add(c)) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(
                        parameter,
                        "'" + value + "' is not 'all' or a list of distinct class"
                                + " indices 0-9 separated by commas (e.g. '0,2,4'); classes: " + describeClasses());
            }
        }
        return classes.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The examples at {@code indices} (as returned by {@link #select}). A selection of every example is the decoded
     * split itself, not a copy.
     */
    static Examples selection(Examples split, int[] indices) {
        return indices.length == split.count() ? split : split.subset(indices);
    }

    static String describeClasses() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < CLASS_NAMES.size(); i++) {
            out.add(i + "=" + CLASS_NAMES.get(i));
        }
        return String.join(", ", out);
    }

    /**
     * Indices of the examples whose label is in {@code classes}, in file order, at most {@code limit} (0 = all). File
     * order is already shuffled across classes in Fashion-MNIST, so the first N are a fair sample.
     */
    static int[] select(Examples examples, int[] classes, int limit) {
        boolean[] wanted = new boolean[CLASS_NAMES.size()];
        for (int c : classes) {
            wanted[c] = true;
        }
        List<Integer> picked = new ArrayList<>();
        for (int i = 0; i < examples.count() && (limit == 0 || picked.size() < limit); i++) {
            if (wanted[examples.label(i)]) {
                picked.add(i);
            }
        }
        return picked.stream().mapToInt(Integer::intValue).toArray();
    }
}
