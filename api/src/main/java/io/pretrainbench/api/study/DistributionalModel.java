package io.pretrainbench.api.study;

/**
 * A case model whose replicates can be compared with the theorem in distribution, not only in mean: it gives each
 * replicate's risk averaged over the label noise, split into parts, and the law of ||L(Z)||^2. The theorem's limit n (R
 * - sigma^2) ⇝ sigma^2 d_eff + alpha^-1 ||L(Z)||^2 is a statement about the noise-averaged risk; with realised noise n
 * (R - sigma^2) keeps a sigma^2 chi^2_{d_eff} spread of its own. A study entry asks for this with {@code label_noise:
 * averaged}.
 */
public interface DistributionalModel extends CaseModel {
    /**
     * One replicate as {@link #excessRisk}, from the same seed and the same draws up to the labels, but with R averaged
     * over the label noise analytically instead of drawn.
     */
    RiskSplit averagedRisk(int n, int m, long seed);

    /** The law of ||L(Z)||^2 (its mean is {@link Prediction#expectedLSquared()}). */
    WeightedChiSquare lawOfLSquared();
}
