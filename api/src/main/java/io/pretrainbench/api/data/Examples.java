package io.pretrainbench.api.data;

import java.nio.FloatBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * An immutable set of examples: a dense float array of {@code count × exampleSize} values in row-major order, an
 * optional label per example, and the shape of one example (for images {@code [height, width, channels]}).
 *
 * <p>Large data sets are shared between many cells, so the values are copied once when the set is created and never
 * again: readers get read-only views ({@link #features()}) or copy single rows into their own batch buffers
 * ({@link #copyRow}).
 */
public final class Examples {
    private final float[] values;
    private final int[] labels; // null when unlabelled
    private final int[] shape;
    private final int exampleSize;
    private volatile String checksum;

    private Examples(float[] values, int[] labels, int[] shape) {
        this.values = values;
        this.labels = labels;
        this.shape = shape;
        this.exampleSize = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (exampleSize <= 0 || values.length % exampleSize != 0) {
            throw new IllegalArgumentException(
                    values.length + " values do not divide into examples of shape " + Arrays.toString(shape));
        }
        if (labels != null && labels.length != values.length / exampleSize) {
            throw new IllegalArgumentException(
                    labels.length + " labels for " + values.length / exampleSize + " examples");
        }
    }

    /** Labelled examples; both arrays are copied. */
    public static Examples labelled(float[] values, int[] labels, int... shape) {
        Objects.requireNonNull(labels, "labels");
        return new Examples(values.clone(), labels.clone(), shape.clone());
    }

    /** Unlabelled examples; the array is copied. */
    public static Examples unlabelled(float[] values, int... shape) {
        return new Examples(values.clone(), null, shape.clone());
    }

    public int count() {
        return values.length / exampleSize;
    }

    /** Number of floats per example. */
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

    /** A read-only view of all values, row-major; no copy. */
    public FloatBuffer features() {
        return FloatBuffer.wrap(values).asReadOnlyBuffer();
    }

    /** Copies example {@code index} into {@code destination} starting at {@code offset}. */
    public void copyRow(int index, float[] destination, int offset) {
        System.arraycopy(values, index * exampleSize, destination, offset, exampleSize);
    }

    /** Copies example {@code index} into a buffer at its current position (for example a tensor's buffer). */
    public void copyRow(int index, FloatBuffer destination) {
        destination.put(values, index * exampleSize, exampleSize);
    }

    /** The examples at the given indices, in that order (labels kept). */
    public Examples subset(int[] indices) {
        float[] out = new float[indices.length * exampleSize];
        int[] outLabels = labels == null ? null : new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(values, indices[i] * exampleSize, out, i * exampleSize, exampleSize);
            if (labels != null) {
                outLabels[i] = labels[indices[i]];
            }
        }
        return new Examples(out, outLabels, shape);
    }

    /** The first {@code n} examples (all of them when there are fewer), for methods that cap their corpus. */
    public Examples first(int n) {
        if (n >= count()) {
            return this;
        }
        float[] out = java.util.Arrays.copyOf(values, n * exampleSize);
        return new Examples(out, labels == null ? null : java.util.Arrays.copyOf(labels, n), shape);
    }

    /** The same values with other labels (one per example), e.g. a task's relabelling. Shares the value array. */
    public Examples withLabels(int[] newLabels) {
        if (newLabels.length != count()) {
            throw new IllegalArgumentException(newLabels.length + " labels for " + count() + " examples");
        }
        return new Examples(values, newLabels.clone(), shape);
    }

    /** The same values without labels, for pre-training. Shares the value array. */
    public Examples withoutLabels() {
        return labels == null ? this : new Examples(values, null, shape);
    }

    /** SHA-256 over shape, values and labels, hex-encoded; computed once. */
    public String checksum() {
        String result = checksum;
        if (result == null) {
            try {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(4 * 8192);
                for (int s : shape) {
                    buffer.putInt(s);
                }
                for (float v : values) {
                    if (!buffer.hasRemaining()) {
                        digest.update(buffer.flip());
                        buffer.clear();
                    }
                    buffer.putFloat(v);
                }
                if (labels != null) {
                    for (int l : labels) {
                        if (!buffer.hasRemaining()) {
                            digest.update(buffer.flip());
                            buffer.clear();
                        }
                        buffer.putInt(l);
                    }
                }
                digest.update(buffer.flip());
                result = HexFormat.of().formatHex(digest.digest());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required by every Java platform", e);
            }
            checksum = result;
        }
        return result;
    }

    @Override
    public String toString() {
        return "Examples[" + count() + " × " + Arrays.toString(shape) + (labels == null ? ", unlabelled]" : "]");
    }
}
