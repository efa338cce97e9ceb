package io.pretrainbench.api.bound;

/**
 * What an estimator's value means, which decides how the host scores it.
 *
 * <ul>
 *   <li>{@link #BOUND}: an upper bound (or a prediction) of the generalization gap; scored against the measured gap
 *       (Kendall's τ, the fraction of cells where it holds).
 *   <li>{@link #DIAGNOSTIC}: a measurement of the cell (for example which features the encoder captured) that says
 *       nothing about the gap by itself; reported as values only, never as holding or failing.
 * </ul>
 */
public enum EstimateKind {
    BOUND,
    DIAGNOSTIC
}
