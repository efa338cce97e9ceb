package io.pretrainbench.api.study;

/**
 * The excess risk R - sigma^2 of one replicate averaged over the downstream label noise in closed form (Proposition B.1
 * of Tinati and Tu: given the pre-trained representation and the downstream inputs, OLS is linear in the labels, so the
 * average is the noiseless fit's error plus a trace), with two of its parts.
 *
 * @param total the noise-averaged R - sigma^2: approximation + estimation error of the noiseless fit + variance
 * @param pretraining the pre-training part ||(I - Pi_hat) f*||^2: the error of the best predictor on the learned
 *     features, which n times converges in law to alpha^-1 ||L(Z)||^2
 * @param variance the variance part (sigma^2 / n) tr(Sigma(Omega-hat) Sigma_n(Omega-hat)^+), which n times converges to
 *     sigma^2 d_eff
 */
public record RiskSplit(double total, double pretraining, double variance) {}
