/**
 * Built-in bound estimators; each records its value and every term that entered it as components. Depends on the SPI
 * only.
 *
 * <ul>
 *   <li>{@code rademacher-linear}: the multi-class margin bound of Mohri et al. (Thm 9.2) for the fitted linear head,
 *       whose key term is the head class's Rademacher complexity on the learned representation;
 *   <li>{@code rademacher-head}: that complexity itself, R̂_n(F∘ĥ) of Deng et al. (2024), by Monte Carlo (with its
 *       standard error), exactly for small n, and in closed form;
 *   <li>{@code deng-bound}: Deng et al.'s pre-train → fine-tune bound assembled term by term (transferability from the
 *       pre-training curve, 4·G_ℓ·R̂_n, confidence, heterogeneity);
 *   <li>{@code param-norm}, {@code path-norm}, {@code spectral-margin}, {@code pac-bayes-flatness}: the norm-, margin-
 *       and flatness-based measures of the generalization-measure literature (Jiang et al. 2020; Bartlett, Foster &amp;
 *       Telgarsky 2017; Neyshabur et al. 2015).
 * </ul>
 *
 * <p>Shared readers: {@code FittedHead} (the fitted head, checked against the cell), {@code SignedSums} (E_σ‖Σσ_i x_i‖)
 * and {@code DenseChain} (an {@code mlp} encoder as its layer matrices).
 */
package io.pretrainbench.bounds;
