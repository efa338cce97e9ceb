package io.pretrainbench.api.study;

/**
 * The limit sigma^2 d_eff + alpha^-1 E||L(Z)||^2 that the theorem predicts for n (R - sigma^2), split into its terms so
 * that the host's table shows where it comes from.
 *
 * @param limit the predicted limit
 * @param sigma2 the downstream label noise (the Bayes risk of the task)
 * @param dEff the effective number of downstream parameters
 * @param alpha the ratio m / n the prediction is for
 * @param expectedLSquared E||L(Z)||^2, the pre-training error's contribution before division by alpha
 * @param paperForm a second closed form to show beside the limit (for example as printed in a paper, where it differs
 *     from the derivation), or NaN if there is none
 */
public record Prediction(
        double limit, double sigma2, int dEff, double alpha, double expectedLSquared, double paperForm) {}
