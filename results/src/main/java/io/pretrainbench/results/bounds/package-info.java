/**
 * How well each bound estimator tracks the measured generalization gap across the cells of a store: Kendall's tau,
 * granulated tau per grid axis (Jiang et al. 2020) and the fraction of cells where the bound holds.
 */
package io.pretrainbench.results.bounds;
