package io.pretrainbench.results.store;

import java.util.List;
import java.util.Map;

/**
 * One cell's outcome as the store writes it, in one transaction.
 *
 * @param key the cell's identity
 * @param runId the run that produced it
 * @param outcome what running it gave
 * @param curves training curves: phase (e.g. {@code pretrain}, {@code finetune}) → loss per step
 */
public record CellResult(CellKey key, String runId, CellOutcome outcome, Map<String, List<Double>> curves) {
    public CellResult {
        curves = Map.copyOf(curves);
    }
}
