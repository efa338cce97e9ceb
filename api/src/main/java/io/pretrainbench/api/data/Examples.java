package io.pretrainbench.api.data;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable set of examples: {@code count × exampleSize} float values in row-major order, an optional label per
 * example, and the shape of one example (for images {@code [height, width, channels]}).
 *
 * <p>Large data sets are shared between many cells, so the values are copied once when the set is created and never
 * again: readers copy single rows into their own batch buffers ({@link #copyRow}).
 *
 * <p>The values are held either as floats ({@link #labelled}, {@link #unlabelled}) or, for images, as 8-bit pixels
 * ({@link #labelledPixels}, {@link #unlabelledPixels}, {@link #pixelBuilder}), a quarter of the memory: a pixel's value
 * is its unsigned byte divided by 255 (as a float), computed when a row is copied. Both kinds behave the same
 * everywhere, {@link #checksum} included: a picture gives the same values and checksum whichever way it is held. Pixel
 * sets keep one array per example, so they may hold more than 2<sup>31</sup> values (STL-10's 100 000 unlabelled images
 * are 2.8 × 10<sup>9</sup>); {@link #subset}, {@link #first}, {@link #withLabels} and {@link #withoutLabels} share
 * those arrays instead of copying pixels.
 */
public final class Examples {
    /** The value of each unsigned byte: {@code b / 255f}, the mapping of every 8-bit image loader. */
    private static final float[] PIXEL_VALUES = pixelValues();

    private final float[] values; // null when held as pixels
    private final byte[][] pixelRows; // one array per example, never written once built; null when held as floats
    private final int[] labels; // null when unlabelled
    private final int[] shape;
    private final int exampleSize;
    private final int count;
    private volatile String checksum;

    private Examples(float[] values, byte[][] pixelRows, int[] labels, int[] shape) {
        this.values = values;
        this.pixelRows = pixelRows;
        this.labels = labels;
        this.shape = shape;
        this.exampleSize = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (exampleSize <= 0 || (values != null && values.length % exampleSize != 0)) {
            throw new IllegalArgumentException((values == null ? 0 : values.length)
                    + " values do not divide into examples of shape " + Arrays.toString(shape));
        }
        this.count = values != null ? values.length / exampleSize : pixelRows.length;
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " examples");
        }
    }

    /** Labelled examples; both arrays are copied. */
    public static Examples labelled(float[] values, int[] labels, int... shape) {
        Objects.requireNonNull(labels, "labels");
        return new Examples(values.clone(), null, labels.clone(), shape.clone());
    }

    /** Unlabelled examples; the array is copied. */
    public static Examples unlabelled(float[] values, int... shape) {
        return new Examples(values.clone(), null, null, shape.clone());
    }

    /**
     * Labelled 8-bit pixels, {@code count × exampleSize} bytes row-major; value = unsigned byte / 255. Both arrays are
     * copied.
     *
     * @since SPI 1.3
     */
    public static Examples labelledPixels(byte[] pixels, int[] labels, int... shape) {
        Objects.requireNonNull(labels, "labels");
        return pixelsOf(pixels, shape).labelled(labels);
    }

    /**
     * Unlabelled 8-bit pixels, {@code count × exampleSize} bytes row-major; value = unsigned byte / 255. The array is
     * copied.
     *
     * @since SPI 1.3
     */
    public static Examples unlabelledPixels(byte[] pixels, int... shape) {
        return pixelsOf(pixels, shape).unlabelled();
    }

    private static PixelBuilder pixelsOf(byte[] pixels, int[] shape) {
        int size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (size <= 0 || pixels.length % size != 0) {
            throw new IllegalArgumentException(
                    pixels.length + " pixels do not divide into examples of shape " + Arrays.toString(shape));
        }
        PixelBuilder builder = pixelBuilder(pixels.length / size, shape);
        for (int i = 0; i < builder.rows.length; i++) {
            builder.row(i, pixels, i * size);
        }
        return builder;
    }

    /**
     * A builder of {@code count} examples of 8-bit pixels, filled row by row, for sets read as a stream or too large
     * for one array: the pixels are copied once, into the examples, and never held twice.
     *
     * @since SPI 1.3
     */
    public static PixelBuilder pixelBuilder(int count, int... shape) {
        return new PixelBuilder(count, shape.clone());
    }

    /**
     * Fills the rows of byte-backed examples, then hands them over once; rows cannot be written after that, so the
     * examples stay immutable.
     *
     * @since SPI 1.3
     */
    public static final class PixelBuilder {
        private final int[] shape;
        private final int exampleSize;
        private byte[][] rows;

        private PixelBuilder(int count, int[] shape) {
            this.shape = shape;
            this.exampleSize = Arrays.stream(shape).reduce(1, Math::multiplyExact);
            if (exampleSize <= 0 || count < 0) {
                throw new IllegalArgumentException(
                        count + " examples of shape " + Arrays.toString(shape) + " cannot be built");
            }
            this.rows = new byte[count][];
        }

        /** Copies example {@code index}'s {@code exampleSize} pixels from {@code source} at {@code offset}. */
        public PixelBuilder row(int index, byte[] source, int offset) {
            if (rows == null) {
                throw new IllegalStateException("the examples are built already; their rows cannot change");
            }
            rows[index] = Arrays.copyOfRange(source, offset, Math.addExact(offset, exampleSize));
            return this;
        }

        /** The examples, labelled; every row must have been written. */
        public Examples labelled(int[] labels) {
            Objects.requireNonNull(labels, "labels");
            return build(labels.clone());
        }

        /** The examples, unlabelled; every row must have been written. */
        public Examples unlabelled() {
            return build(null);
        }

        private Examples build(int[] labels) {
            if (rows == null) {
                throw new IllegalStateException("the examples are built already");
            }
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == null) {
                    throw new IllegalStateException("row " + i + " of " + rows.length + " was never written");
                }
            }
            Examples built = new Examples(null, rows, labels, shape);
            rows = null;
            return built;
        }
    }

    public int count() {
        return count;
    }

    /** Number of values per example. */
    public int exampleSize() {
        return exampleSize;
    }

    /** Shape of one example, for images {@code [height, width, channels]}. */
    public int[] shape() {
        return shape.clone();
    }

    public boolean hasLabels() {
        return labels != null;
    }

    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException("these examples are unlabelled");
        }
        return labels[index];
    }

    /** A copy of all labels. */
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("these examples are unlabelled");
        }
        return labels.clone();
    }

    /**
     * A read-only view of all values, row-major. Float examples are viewed without a copy; pixel examples are converted
     * into a new float array of four bytes per value (and refused when there are more than fit one array), so code that
     * reads a whole pre-training corpus should copy it row by row with {@link #copyRow} instead.
     */
    public FloatBuffer features() {
        if (values != null) {
            return FloatBuffer.wrap(values).asReadOnlyBuffer();
        }
        long total = (long) count * exampleSize;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException(this + " holds " + total + " values, more than one float array can: copy"
                    + " them row by row with copyRow");
        }
        float[] all = new float[(int) total];
        for (int i = 0; i < count; i++) {
            copyRow(i, all, i * exampleSize);
        }
        return FloatBuffer.wrap(all).asReadOnlyBuffer();
    }

    /** Copies example {@code index} into {@code destination} starting at {@code offset}, as floats. */
    public void copyRow(int index, float[] destination, int offset) {
        if (values != null) {
            System.arraycopy(values, index * exampleSize, destination, offset, exampleSize);
            return;
        }
        byte[] row = pixelRows[index];
        Objects.checkFromIndexSize(offset, exampleSize, destination.length);
        for (int j = 0; j < exampleSize; j++) {
            destination[offset + j] = PIXEL_VALUES[row[j] & 0xff];
        }
    }

    /** Copies example {@code index} into a buffer at its current position (for example a tensor's buffer). */
    public void copyRow(int index, FloatBuffer destination) {
        if (values != null) {
            destination.put(values, index * exampleSize, exampleSize);
            return;
        }
        byte[] row = pixelRows[index];
        for (int j = 0; j < exampleSize; j++) {
            destination.put(PIXEL_VALUES[row[j] & 0xff]);
        }
    }

    /** The examples at the given indices, in that order (labels kept). */
    public Examples subset(int[] indices) {
        int[] outLabels = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length && labels != null; i++) {
            outLabels[i] = labels[indices[i]];
        }
        if (pixelRows != null) {
            byte[][] rows = new byte[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                rows[i] = pixelRows[indices[i]];
            }
            return new Examples(null, rows, outLabels, shape);
        }
        float[] out = new float[indices.length * exampleSize];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * exampleSize, out, i * exampleSize, exampleSize);
        }
        return new Examples(out, null, outLabels, shape);
    }

    /** The first {@code n} examples (all of them when there are fewer), for methods that cap their corpus. */
    public Examples first(int n) {
        if (n >= count()) {
            return this;
        }
        int[] firstLabels = labels == null ? null : Arrays.copyOf(labels, n);
        return pixelRows != null
                ? new Examples(null, Arrays.copyOf(pixelRows, n), firstLabels, shape)
                : new Examples(Arrays.copyOf(values, n * exampleSize), null, firstLabels, shape);
    }

    /** The same values with other labels (one per example), e.g. a task's relabelling. Shares the values. */
    public Examples withLabels(int[] newLabels) {
        if (newLabels.length != count()) {
            throw new IllegalArgumentException(newLabels.length + " labels for " + count() + " examples");
        }
        return new Examples(values, pixelRows, newLabels.clone(), shape);
    }

    /** The same values without labels, for pre-training. Shares the values. */
    public Examples withoutLabels() {
        return labels == null ? this : new Examples(values, pixelRows, null, shape);
    }

    /**
     * SHA-256 over shape, values (as big-endian floats, whether held as floats or pixels) and labels, hex-encoded;
     * computed once.
     */
    public String checksum() {
        String result = checksum;
        if (result == null) {
            MessageDigest digest = sha256();
            ByteBuffer buffer = ByteBuffer.allocate(Float.BYTES * Math.max(exampleSize, shape.length));
            for (int s : shape) {
                buffer.putInt(s);
            }
            digest.update(buffer.flip());
            float[] row = new float[exampleSize];
            for (int i = 0; i < count; i++) {
                copyRow(i, row, 0);
                buffer.clear();
                buffer.asFloatBuffer().put(row);
                digest.update(buffer.limit(Float.BYTES * exampleSize));
            }
            if (labels != null) {
                ByteBuffer labelBytes = ByteBuffer.allocate(Integer.BYTES * labels.length);
                labelBytes.asIntBuffer().put(labels);
                digest.update(labelBytes);
            }
            result = HexFormat.of().formatHex(digest.digest());
            checksum = result;
        }
        return result;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static float[] pixelValues() {
        float[] table = new float[256];
        for (int b = 0; b < table.length; b++) {
            table[b] = b / 255f;
        }
        return table;
    }

    @Override
    public String toString() {
        return "Examples[" + count() + " × " + Arrays.toString(shape) + (labels == null ? ", unlabelled]" : "]");
    }
}
