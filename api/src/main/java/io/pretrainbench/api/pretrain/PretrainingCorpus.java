package io.pretrainbench.api.pretrain;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;

/**
 * The unlabelled data a method pre-trains on. Kept apart from downstream tasks because the papers study exactly the
 * case where the pre-training distribution differs from the downstream one.
 */
public interface PretrainingCorpus extends Plugin {
    /** Loads the corpus; labels, if present, are ignored by pre-training. May be called from several threads. */
    Examples load(DataContext context);

    /**
     * As {@link io.pretrainbench.api.task.DownstreamTask#dataChecksum}: cheap, and fails with a how-to when data are
     * missing.
     */
    String dataChecksum(DataContext context);
}
