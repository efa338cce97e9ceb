package io.pretrainbench.asymptotics;

import java.util.Map;

/**
 * One case study of the asymptotic theorem: a seeded data model, a pre-training estimator fitted on m samples, a
 * downstream min-norm OLS on the learned features fitted on n labelled samples, and the exact excess risk R - sigma^2
 * of the fitted predictor. Implementations are immutable and thread-safe; all randomness comes from the seed.
 */
public interface CaseStudy {
  /** The name used in study files, e.g. {@code factor-model}. */
  String name();

  /** The downstream label-noise level sigma^2 of the theorem (the Bayes risk of the task). */
  double sigma2();

  /** d_eff of the theorem: the number of downstream features (OLS coefficients). */
  int featureCount();

  /** One replicate: pre-train on m fresh samples, fit OLS on n fresh labelled samples, return R - sigma^2. */
  double excessRisk(int n, int m, long seed);

  /** The predicted limit of E[n (R - sigma^2)] for m/n = alpha, with the terms that enter it. */
  Prediction predict(double alpha);

  /** The study-file parameters this case ran with, as given or defaulted (for the result table). */
  Map<String, Object> parameters();

  /**
   * The theorem's limit sigma^2 d_eff + alpha^-1 E||L(Z)||^2, split into its terms. {@code paperForm} is the closed
   * form as transcribed in the shared paper summary where it differs from the derivation used here (NaN if none), so
   * the table shows both and the Monte Carlo can tell them apart.
   */
  record Prediction(double limit, double sigma2, int dEff, double alpha, double expectedLSquared, double paperForm) {}
}
