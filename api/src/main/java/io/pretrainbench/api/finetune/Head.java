package io.pretrainbench.api.finetune;

import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Set;

/**
 * The fitted downstream predictor on top of the representation.
 *
 * @param architecture {@code linear} (make it with {@link #linear} and read it with {@link #asLinear()}), or a
 *     protocol-defined name for other heads; {@code none} for non-parametric predictors such as k-NN
 * @param weights the head's weights, empty for {@code none}
 */
public record Head(String architecture, Weights weights) {
    public static final String LINEAR = "linear";
    public static final String NONE = "none";

    /**
     * A {@value #LINEAR} head (SPI 1.2).
     *
     * @throws IllegalArgumentException unless kernel is {@code [featureDim, numClasses]} and bias {@code [numClasses]}
     */
    public static Head linear(WeightTensor kernel, WeightTensor bias) {
        return new LinearHead(kernel, bias).toHead();
    }

    /**
     * This head's kernel and bias (SPI 1.2).
     *
     * @throws IllegalArgumentException if the head is not {@value #LINEAR} or its weights are not a kernel
     *     {@code [featureDim, numClasses]} and a bias {@code [numClasses]}
     */
    public LinearHead asLinear() {
        if (!LINEAR.equals(architecture)) {
            throw new IllegalArgumentException("the head is '" + architecture + "', not '" + LINEAR
                    + "' (weights kernel and bias); use a protocol that fits a linear head, such as linear-probe");
        }
        if (!weights.tensors().keySet().equals(Set.of(LinearHead.KERNEL, LinearHead.BIAS))) {
            throw new IllegalArgumentException("a '" + LINEAR + "' head has weights " + LinearHead.KERNEL + " and "
                    + LinearHead.BIAS + ", got " + weights.tensors().keySet());
        }
        return new LinearHead(weights.get(LinearHead.KERNEL), weights.get(LinearHead.BIAS));
    }
}
