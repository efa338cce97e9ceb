package io.pretrainbench.engine.grid;

import io.pretrainbench.results.store.CellKey;
import java.util.List;

/**
 * One point of the grid: what to pre-train on what, and how to fine-tune and evaluate it.
 *
 * @param key the stored identity, including the stable {@link CellKey#cellId()}
 * @param pretrainingKey identity of the pre-trained encoder this cell needs; cells with equal keys share one encoder
 * @param labelSplits the file that gives this cell's labelled examples, or null when they are drawn
 */
public record Cell(
        CellKey key,
        String pretrainingKey,
        PluginChoice corpus,
        PluginChoice method,
        long pretrainSeed,
        PluginChoice task,
        int budget,
        PluginChoice protocol,
        long seed,
        List<PluginChoice> estimators,
        double validationFraction,
        LabelSplits labelSplits) {

    public Cell {
        estimators = List.copyOf(estimators);
    }

    public String id() {
        return key.cellId();
    }
}
