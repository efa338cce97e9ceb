package io.pretrainbench.api.bound;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An estimator's value for one cell and every term that entered it, by name (for example {@code rademacher},
 * {@code confidence}, {@code head_norm}), so that a result can be audited and re-assembled.
 *
 * @param value the estimate; for a generalization bound, an upper bound on the cell's measured generalization gap
 * @param components the named terms, all finite
 */
public record BoundEstimate(double value, Map<String, Double> components) {
    public BoundEstimate {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("bound value must be finite, got " + value);
        }
        components = Collections.unmodifiableMap(new TreeMap<>(components));
        components.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) {
                throw new IllegalArgumentException("component '" + k + "' must be finite, got " + v);
            }
        });
    }
}
