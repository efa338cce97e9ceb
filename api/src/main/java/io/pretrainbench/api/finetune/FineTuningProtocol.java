package io.pretrainbench.api.finetune;

import io.pretrainbench.api.Plugin;

/**
 * How a pre-trained encoder is adapted to a labelled budget and evaluated: {@code linear-probe} (encoder frozen),
 * {@code fine-tune} (all weights trained), {@code knn}. A grid axis of its own, because the ranking of methods depends
 * on it, and a plugin kind so that every method is adapted the same way.
 */
public interface FineTuningProtocol extends Plugin {
    /** Fits a head (and maybe the encoder) on {@code context.train()}, then measures train and test performance. */
    FineTuneResult fineTune(FineTuningContext context);
}
