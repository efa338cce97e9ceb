package io.pretrainbench.api.study;

import io.pretrainbench.api.Plugin;

/**
 * A case study of the asymptotic theory of two-stage estimation: a data model with a pre-training estimator fitted on m
 * samples and a downstream predictor fitted on n labelled samples. The host runs the study generically: for each
 * downstream size n of a study file (with m = round(alpha n)) it measures n (R - sigma^2) over seeded replicates, with
 * a confidence interval, against the case's predicted limit, and writes the table and plots. The case supplies only
 * what is its own: its parameters (in the descriptor), its model, the exact excess risk of one replicate and the
 * predicted limit.
 */
public interface CaseStudy extends Plugin {
    /**
     * Sets the case up for one entry of a study file. Called once per entry, before any replicate runs.
     *
     * @throws IllegalArgumentException if the parameters are valid one by one but not together; the message names the
     *     parameters and what would be valid (throw {@link io.pretrainbench.api.params.InvalidParameterException} to
     *     point at one key)
     */
    CaseModel model(StudyContext context);
}
