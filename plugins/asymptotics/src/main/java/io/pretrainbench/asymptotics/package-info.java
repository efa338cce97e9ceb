/**
 * The asymptotic study of Tinati and Tu, "On the Asymptotics of Self-Supervised Pre-training: Two-Stage M-Estimation
 * and Representation Symmetry" (COLT 2026, arXiv 2603.27631): with pre-training size m = alpha * n and downstream size
 * n, their main theorem says n (R - sigma^2) converges to sigma^2 d_eff + alpha^-1 ||L(Z)||^2, Z ~ N(0, V). Each
 * {@link io.pretrainbench.asymptotics.CaseStudy} is one of the paper's case studies (data model, pre-training
 * estimator, downstream min-norm OLS, exact excess risk, predicted limit); {@link
 * io.pretrainbench.asymptotics.StudyRunner} measures the limit by Monte Carlo over seeded replicates.
 *
 * <p>This is a study of its own, not a grid plugin: see {@code docs/asymptotics.md} for why. It depends on
 * commons-math3 (eigen, QR and LU decompositions), SnakeYAML (study files) and JFreeChart (plots); nothing of the
 * harness.
 */
package io.pretrainbench.asymptotics;
