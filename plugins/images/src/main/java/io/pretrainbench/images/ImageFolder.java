package io.pretrainbench.images;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.InvalidParameterException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A folder of images in the ImageFolder convention ({@code root/<class>/<image>}, as torchvision reads it): classes are
 * the sub-folders of {@code root} in sorted name order, label = position; each class holds the images anywhere below
 * its folder, in sorted path order. A folder without sub-folders is an unlabelled collection of the images directly in
 * it. Files without an image extension ({@link ImageDecoder#EXTENSIONS}) are ignored.
 *
 * <p>Everything is decoded when the folder is first checked, because a corrupt image must be named at validate; the
 * decoded folder is cached (per root, size and channels) and serves the later loads.
 */
final class ImageFolder {
    private static final Map<String, ImageFolder> LOADED = new ConcurrentHashMap<>();

    /** The folder, absolute. */
    final Path root;
    /** Class names, label = index; empty for an unlabelled folder. */
    final List<String> classes;
    /** Each image's path relative to the root, '/'-separated, in row order. */
    final List<String> paths;
    /** The images, labelled when {@link #classes} is not empty. */
    final Examples images;
    /** SHA-256 over every image's relative path and bytes. */
    final String digest;

    private final Map<String, Integer> rows = new HashMap<>();

    private ImageFolder(Path root, List<String> classes, List<String> paths, Examples images, String digest) {
        this.root = root;
        this.classes = List.copyOf(classes);
        this.paths = List.copyOf(paths);
        this.images = images;
        this.digest = digest;
        for (int i = 0; i < paths.size(); i++) {
            rows.put(paths.get(i), i);
        }
    }

    /** The folder named by parameter {@code root}, which has no default. */
    static Path root(String value) {
        if (value.isBlank()) {
            throw new InvalidParameterException(
                    "root",
                    "not set: give the folder holding one sub-folder of images per class (root/<class>/<image>)");
        }
        return Path.of(value).toAbsolutePath().normalize();
    }

    /**
     * The decoded folder, loaded on first use.
     *
     * @param size the side every image is resized to, or 0 to keep the stored size (which must then be the same for
     *     all)
     * @param channels 1 (grey) or 3 (red, green, blue)
     */
    static ImageFolder at(Path root, int size, int channels) {
        return LOADED.computeIfAbsent(root + "#" + size + "#" + channels, k -> read(root, size, channels));
    }

    /** The row of the image at {@code relativePath}, or -1 when there is none. */
    int row(String relativePath) {
        return rows.getOrDefault(relativePath.replace('\\', '/'), -1);
    }

    /**
     * The rows of the images a manifest lists (one path relative to root per line, blank lines skipped), in the
     * manifest's order: the order a task's pool or a corpus then has.
     *
     * @param listedElsewhere rows another manifest of the same split already holds (a test manifest may not repeat
     *     training images)
     */
    int[] manifestRows(Path manifest, Set<Integer> listedElsewhere) {
        List<String> lines;
        try {
            lines = Files.readAllLines(manifest);
        } catch (IOException e) {
            throw new IllegalArgumentException(manifest + ": cannot be read (" + e.getMessage() + ")");
        }
        List<Integer> listed = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int n = 0; n < lines.size(); n++) {
            String path = lines.get(n).strip();
            if (path.isEmpty()) {
                continue;
            }
            int row = row(path);
            String where = manifest + ":" + (n + 1) + ": '" + path + "' ";
            if (row < 0) {
                throw new IllegalArgumentException(where + "is not an image under " + root
                        + " (paths are relative to root, e.g. '" + paths.get(0) + "')");
            }
            if (listedElsewhere.contains(row)) {
                throw new IllegalArgumentException(where + "is in the train manifest too");
            }
            if (!seen.add(row)) {
                throw new IllegalArgumentException(where + "is listed twice");
            }
            listed.add(row);
        }
        if (listed.isEmpty()) {
            throw new IllegalArgumentException(manifest + ": lists no images");
        }
        return listed.stream().mapToInt(Integer::intValue).toArray();
    }

    private static ImageFolder read(Path root, int size, int channels) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": not a folder; root must hold one sub-folder per class, or the"
                    + " images themselves for an unlabelled corpus");
        }
        List<Path> classDirs = list(root).filter(Files::isDirectory).toList();
        List<String> classes =
                classDirs.stream().map(d -> d.getFileName().toString()).toList();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        if (classDirs.isEmpty()) {
            files.addAll(list(root)
                    .filter(f -> Files.isRegularFile(f) && ImageDecoder.hasImageExtension(f))
                    .toList());
            if (files.isEmpty()) {
                throw new IllegalArgumentException(
                        root + ": holds no class folders and no images of a readable type (" + readableTypes() + ")");
            }
        }
        for (int label = 0; label < classDirs.size(); label++) {
            List<Path> images = imagesBelow(classDirs.get(label));
            files.addAll(images);
            labels.addAll(java.util.Collections.nCopies(images.size(), label));
        }
        MessageDigest digest = RecordFile.sha256();
        List<String> paths = new ArrayList<>();
        ImageDecoder.Image first = null;
        Examples.PixelBuilder pixels = null; // made once the first image gives the shape
        for (Path file : files) {
            String relative = root.relativize(file).toString().replace('\\', '/');
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
            }
            digest.update(relative.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content);
            ImageDecoder.Image image = ImageDecoder.read(file, content, channels);
            if (size > 0) {
                image = ImageDecoder.resize(image, size);
            } else if (first != null && (image.height() != first.height() || image.width() != first.width())) {
                throw new IllegalArgumentException(file + ": " + image.height() + "x" + image.width() + " pixels, but "
                        + files.get(0) + " is " + first.height() + "x" + first.width()
                        + "; declare parameter size to resize every image to size x size");
            }
            if (first == null) {
                first = image;
                pixels = Examples.pixelBuilder(files.size(), image.height(), image.width(), channels);
            }
            pixels.row(paths.size(), image.pixels(), 0);
            paths.add(relative);
        }
        Examples images = classes.isEmpty()
                ? pixels.unlabelled()
                : pixels.labelled(labels.stream().mapToInt(Integer::intValue).toArray());
        return new ImageFolder(root, classes, paths, images, RecordFile.hex(digest));
    }

    private static List<Path> imagesBelow(Path classDir) {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(classDir)) {
            all = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(classDir + ": cannot be listed (" + e.getMessage() + ")");
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException(
                    classDir + ": empty class folder; every class folder needs at least one image");
        }
        List<Path> images = all.stream().filter(ImageDecoder::hasImageExtension).toList();
        if (images.isEmpty()) {
            throw new IllegalArgumentException(
                    classDir + ": class folder with no images of a readable type (" + readableTypes() + ") among its "
                            + all.size() + " files, e.g. " + all.get(0).getFileName());
        }
        return images;
    }

    /** The entries of {@code dir} in sorted name order, hidden ones (".git", ".DS_Store") left out. */
    private static Stream<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList().stream();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot be listed (" + e.getMessage() + ")");
        }
    }

    private static String readableTypes() {
        return ImageDecoder.EXTENSIONS.stream()
                .sorted()
                .map(e -> "." + e)
                .reduce((a, b) -> a + ", " + b)
                .orElse("");
    }
}
