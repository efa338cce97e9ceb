/**
 * The asymptotic study of Tinati and Tu, "On the Asymptotics of Self-Supervised Pre-training: Two-Stage M-Estimation
 * and Representation Symmetry" (COLT 2026, arXiv 2603.27631): with pre-training size m = alpha * n and downstream size
 * n, their main theorem says n (R - sigma^2) converges to sigma^2 d_eff + alpha^-1 ||L(Z)||^2, Z ~ N(0, V). Each of the
 * paper's case studies is a {@link io.pretrainbench.api.study.CaseStudy} plugin (registered in
 * {@code META-INF/services}) whose {@link io.pretrainbench.api.study.CaseModel} holds the data model, the pre-training
 * estimator, the downstream min-norm OLS, the exact excess risk and the predicted limit. The host's study command
 * measures the limit by Monte Carlo over seeded replicates; see {@code docs/asymptotics.md}.
 *
 * <p>Depends on the SPI and commons-math3 (eigen, QR and LU decompositions); nothing of the engine, CLI or results.
 */
package io.pretrainbench.asymptotics;
