package io.pretrainbench.api.pretrain;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import java.util.Optional;

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

    /**
     * The shape of one example ({@link Examples#shape()}, for images {@code [height, width, channels]}) without loading
     * the corpus, so that {@code validate} can check each method's parameters against it
     * ({@link PretrainingMethod#checkInput}); called after {@link #dataChecksum} has accepted the data. Empty (the
     * default) when only loading would tell.
     *
     * @since SPI 1.3
     */
    default Optional<int[]> exampleShape(DataContext context) {
        return Optional.empty();
    }
}
