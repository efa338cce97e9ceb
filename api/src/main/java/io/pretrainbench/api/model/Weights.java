package io.pretrainbench.api.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named weights of a model, sorted by name so that saving, hashing and comparing are order-independent. Names are the
 * model's own (for example {@code layer0/kernel}).
 */
public record Weights(Map<String, WeightTensor> tensors) {
    public Weights {
        tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
    }

    public WeightTensor get(String name) {
        WeightTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no weight '" + name + "'; present: " + tensors.keySet());
        }
        return t;
    }

    /** Total number of scalar parameters. */
    public long parameterCount() {
        return tensors.values().stream().mapToLong(WeightTensor::size).sum();
    }
}
