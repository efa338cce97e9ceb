package io.pretrainbench.results.compare;

import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The pre-training compute of each pre-training, whatever its method: the number of optimiser steps it took, read from
 * its stored loss curve (phase {@code pretrain}, one loss per step, stored once, with the cell that trained the
 * encoder). Nothing here knows a method's parameters, such as epochs or a corpus limit, so a third-party method that
 * reports its steps is measured the same way.
 */
public final class PretrainingSteps {
    /** The curve phase of pre-training, as the engine stores it. */
    private static final String PHASE = "pretrain";

    /** One pre-trained encoder: a pre-training and its seed. */
    private record Encoder(Comparison.Pretraining pretraining, long seed) {}

    private PretrainingSteps() {}

    /**
     * The steps of each of {@code pretrainings}: the mean over its pre-training seeds whose curve is among
     * {@code cells} (equal when training runs a fixed number of epochs), or empty when none is, e.g. when every one of
     * its cells loaded the encoder from another store's cache.
     *
     * @param cells the store's cells (any status: a cell that failed after pre-training keeps the curve)
     */
    public static Map<Comparison.Pretraining, OptionalDouble> of(
            ResultStore store, List<StoredCell> cells, Collection<Comparison.Pretraining> pretrainings) {
        Set<Comparison.Pretraining> wanted = Set.copyOf(pretrainings);
        Map<Encoder, List<StoredCell>> candidates = new HashMap<>();
        for (StoredCell cell : cells) {
            Comparison.Pretraining pretraining = Comparison.Pretraining.of(cell.key());
            if (wanted.contains(pretraining)) {
                candidates
                        .computeIfAbsent(new Encoder(pretraining, cell.key().pretrainSeed()), e -> new ArrayList<>())
                        .add(cell);
            }
        }
        Map<Comparison.Pretraining, List<Integer>> stepsBySeed = new HashMap<>();
        candidates.forEach((encoder, sharing) -> {
            // The cell that trained an encoder is usually the first of its cells recorded: look there first.
            sharing.sort(Comparator.comparing(StoredCell::recordedAt));
            for (StoredCell cell : sharing) {
                List<Double> curve = store.curves(cell.key().cellId()).get(PHASE);
                if (curve != null && !curve.isEmpty()) {
                    stepsBySeed
                            .computeIfAbsent(encoder.pretraining(), p -> new ArrayList<>())
                            .add(curve.size());
                    break;
                }
            }
        });
        Map<Comparison.Pretraining, OptionalDouble> steps = new TreeMap<>();
        wanted.forEach(p -> steps.put(
                p,
                stepsBySeed.getOrDefault(p, List.of()).stream()
                        .mapToInt(Integer::intValue)
                        .average()));
        return steps;
    }
}
