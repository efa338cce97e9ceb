package io.pretrainbench.api.bound;

import io.pretrainbench.api.Plugin;

/**
 * Computes what a theory predicts for a cell, from a read-only view of everything the cell produced. Estimators run
 * after fine-tuning and must not train anything that changes the cell's measurements.
 */
public interface BoundEstimator extends Plugin {
  BoundEstimate estimate(EstimationContext context);
}
