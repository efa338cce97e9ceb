package io.pretrainbench.tck;

import io.pretrainbench.api.data.Examples;
import java.util.Random;

/**
 * Small synthetic data sets for the kit: 28×28×1 "images" whose class shifts the mean of a class-specific block of
 * pixels, so a linear model on almost any reasonable features separates them well above chance.
 */
public final class TckData {
    public static final int[] SHAPE = {28, 28, 1};

    private TckData() {}

    public static Examples images(int count, int classes, long seed) {
        Random random = new Random(seed);
        int size = 28 * 28;
        float[] values = new float[count * size];
        int[] labels = new int[count];
        int block = size / classes;
        for (int i = 0; i < count; i++) {
            labels[i] = i % classes;
            for (int j = 0; j < size; j++) {
                float v = (float) (0.2 + 0.1 * random.nextGaussian());
                if (j / block == labels[i]) {
                    v += 0.6f;
                }
                values[i * size + j] = Math.min(1f, Math.max(0f, v));
            }
        }
        return Examples.labelled(values, labels, SHAPE);
    }

    /**
     * Fails on the first non-finite value. Checking a large data set with one AssertJ assertion per value would cost
     * seconds; this costs milliseconds. Reads row by row, so a corpus held as pixels is never converted as a whole.
     */
    static void requireFinite(String what, Examples examples) {
        float[] row = new float[examples.exampleSize()];
        for (int i = 0; i < examples.count(); i++) {
            examples.copyRow(i, row, 0);
            for (int j = 0; j < row.length; j++) {
                if (!Float.isFinite(row[j])) {
                    throw new AssertionError(what + " " + ((long) i * row.length + j) + " is not finite: " + row[j]);
                }
            }
        }
    }
}
