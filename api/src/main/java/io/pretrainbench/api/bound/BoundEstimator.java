package io.pretrainbench.api.bound;

import io.pretrainbench.api.Plugin;

/**
 * Computes what a theory predicts for a cell, from a read-only view of everything the cell produced. Estimators run
 * after fine-tuning and must not train anything that changes the cell's measurements.
 */
public interface BoundEstimator extends Plugin {
    BoundEstimate estimate(EstimationContext context);

    /**
     * Whether the estimate bounds the generalization gap or is a diagnostic. A default method (SPI 1.2), so that
     * estimators compiled against SPI 1.1, which all were bounds, keep running unchanged.
     */
    default EstimateKind kind() {
        return EstimateKind.BOUND;
    }
}
