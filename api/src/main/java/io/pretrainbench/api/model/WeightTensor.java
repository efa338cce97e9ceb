package io.pretrainbench.api.model;

import java.nio.FloatBuffer;
import java.util.Arrays;

/** A named model weight's value: a float array with its shape. Immutable: values are copied in and out. */
public record WeightTensor(long[] shape, float[] values) {
    public WeightTensor {
        shape = shape.clone();
        long size = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (size != values.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + values.length);
        }
        values = values.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** A copy of the values. Prefer {@link #buffer()} for reading large tensors. */
    @Override
    public float[] values() {
        return values.clone();
    }

    /** A read-only view of the values, no copy. */
    public FloatBuffer buffer() {
        return FloatBuffer.wrap(values).asReadOnlyBuffer();
    }

    public int size() {
        return values.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WeightTensor t && Arrays.equals(t.shape, shape) && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "WeightTensor" + Arrays.toString(shape);
    }
}
