package io.pretrainbench.api.study;

/**
 * A case study set up with its parameters (see {@link CaseStudy#model}). The host calls it from several threads at
 * once, so implementations are immutable; all randomness of a replicate comes from its seed.
 */
public interface CaseModel {
    /**
     * One replicate: pre-train on m fresh samples, fit the downstream predictor on n fresh labelled samples, and return
     * its exact excess risk R - sigma^2 (not an estimate on a test set, whose noise would swamp it at large n).
     */
    double excessRisk(int n, int m, long seed);

    /** The predicted limit of E[n (R - sigma^2)] when m / n = alpha. */
    Prediction predict(double alpha);
}
