package io.pretrainbench.nn;

import io.pretrainbench.api.model.WeightTensor;
import java.util.SplittableRandom;

/**
 * Initial weights drawn in Java from a seed, so that the same seed gives bit-identical models on every machine and
 * thread count (TensorFlow's random ops depend on op seeds and graph construction order).
 */
public final class Initializers {
    private Initializers() {}

    /** He (Kaiming) uniform for a ReLU layer: U(−√(6/fanIn), √(6/fanIn)). */
    public static WeightTensor heUniform(SplittableRandom random, long fanIn, long fanOut) {
        return uniform(random, Math.sqrt(6.0 / fanIn), fanIn, fanOut);
    }

    /** Glorot (Xavier) uniform for a linear or sigmoid layer: U(−√(6/(fanIn+fanOut)), +). */
    public static WeightTensor glorotUniform(SplittableRandom random, long fanIn, long fanOut) {
        return uniform(random, Math.sqrt(6.0 / (fanIn + fanOut)), fanIn, fanOut);
    }

    public static WeightTensor zeros(long... shape) {
        long size = 1;
        for (long d : shape) {
            size *= d;
        }
        return new WeightTensor(shape, new float[Math.toIntExact(size)]);
    }

    private static WeightTensor uniform(SplittableRandom random, double limit, long fanIn, long fanOut) {
        float[] values = new float[Math.toIntExact(fanIn * fanOut)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
        }
        return new WeightTensor(new long[] {fanIn, fanOut}, values);
    }
}
