package io.pretrainbench.engine.grid;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated grid file: every plugin found, every parameter typed and in range, sweeps already expanded into
 * {@link PluginChoice}s. Only {@link GridParser} makes one, so code below the CLI never sees raw YAML.
 *
 * @param file where it was read from
 * @param source the file's text, stored with the run
 * @param corpora pre-training corpora
 * @param methods pre-training methods, one entry per point of each method's parameter sweep
 * @param pretrainSeeds seeds of pre-training
 * @param tasks downstream tasks
 * @param budgets labelled-sample budgets m (total labelled examples per cell, drawn class-balanced)
 * @param protocols fine-tuning protocols
 * @param seeds downstream seeds (labelled subset, validation split, head initialisation), shared by all methods
 * @param estimators bound estimators evaluated on every cell
 * @param validationFraction share of each budget held out for early stopping
 * @param cellTimeout time limit per cell
 * @param labelSplits the tasks whose labelled examples a file gives (key {@code label_splits}) instead of drawn ones
 */
public record GridSpec(
        Path file,
        String source,
        String name,
        String description,
        List<PluginChoice> corpora,
        List<PluginChoice> methods,
        List<Long> pretrainSeeds,
        List<PluginChoice> tasks,
        List<Integer> budgets,
        List<PluginChoice> protocols,
        List<Long> seeds,
        List<PluginChoice> estimators,
        double validationFraction,
        Duration cellTimeout,
        Map<PluginChoice, LabelSplits> labelSplits) {

    public GridSpec {
        corpora = List.copyOf(corpora);
        methods = List.copyOf(methods);
        pretrainSeeds = List.copyOf(pretrainSeeds);
        tasks = List.copyOf(tasks);
        budgets = List.copyOf(budgets);
        protocols = List.copyOf(protocols);
        seeds = List.copyOf(seeds);
        estimators = List.copyOf(estimators);
        labelSplits = Map.copyOf(labelSplits);
    }
}
