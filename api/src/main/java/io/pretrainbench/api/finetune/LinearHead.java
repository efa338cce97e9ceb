package io.pretrainbench.api.finetune;

import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * The typed view of a {@value Head#LINEAR} head, {@code logits = features · kernel + bias}: the one place that knows
 * its weights' names and shapes. Obtain one with {@link Head#asLinear()}; make a head with {@link Head#linear}.
 *
 * @param kernel {@code [featureDim, numClasses]}, row-major: the weight of feature j for class c is at {@code j ·
 *     numClasses + c}
 * @param bias {@code [numClasses]}
 */
public record LinearHead(WeightTensor kernel, WeightTensor bias) {
    static final String KERNEL = "kernel";
    static final String BIAS = "bias";

    /** @throws IllegalArgumentException unless kernel is {@code [d, k]} and bias {@code [k]} */
    public LinearHead {
        Objects.requireNonNull(kernel, KERNEL);
        Objects.requireNonNull(bias, BIAS);
        long[] k = kernel.shape();
        long[] b = bias.shape();
        if (k.length != 2 || b.length != 1 || k[1] != b[0]) {
            throw new IllegalArgumentException(
                    "a linear head needs kernel [featureDim, numClasses] and bias [numClasses]" + ", got kernel "
                            + Arrays.toString(k) + " and bias " + Arrays.toString(b));
        }
    }

    /** A head from row-major values: {@code kernel} holds featureDim × numClasses values, {@code bias} numClasses. */
    public static LinearHead of(int featureDim, int numClasses, float[] kernel, float[] bias) {
        return new LinearHead(
                new WeightTensor(new long[] {featureDim, numClasses}, kernel),
                new WeightTensor(new long[] {numClasses}, bias));
    }

    public int featureDim() {
        return (int) kernel.shape()[0];
    }

    public int numClasses() {
        return (int) kernel.shape()[1];
    }

    public Head toHead() {
        return new Head(Head.LINEAR, new Weights(Map.of(KERNEL, kernel, BIAS, bias)));
    }
}
