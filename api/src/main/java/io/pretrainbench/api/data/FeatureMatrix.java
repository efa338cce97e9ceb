package io.pretrainbench.api.data;

/**
 * Representations of examples: {@code rows × columns} floats, row-major. Used to hand the learned representation ĥ(x_i)
 * of the downstream sample to bound estimators.
 */
public record FeatureMatrix(int rows, int columns, float[] values) {
    public FeatureMatrix {
        if ((long) rows * columns != values.length) {
            throw new IllegalArgumentException(rows + " × " + columns + " != " + values.length + " values");
        }
        values = values.clone();
    }

    public float get(int row, int column) {
        return values[row * columns + column];
    }

    /** A copy of the values. */
    @Override
    public float[] values() {
        return values.clone();
    }
}
