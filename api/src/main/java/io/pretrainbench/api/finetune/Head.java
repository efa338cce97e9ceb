package io.pretrainbench.api.finetune;

import io.pretrainbench.api.model.Weights;

/**
 * The fitted downstream predictor on top of the representation.
 *
 * @param architecture {@code linear} (weights {@code kernel [featureDim, numClasses]} and {@code bias [numClasses]}),
 *     or a protocol-defined name for other heads; {@code none} for non-parametric predictors such as k-NN
 * @param weights the head's weights, empty for {@code none}
 */
public record Head(String architecture, Weights weights) {
  public static final String LINEAR = "linear";
  public static final String NONE = "none";
}
