package io.pretrainbench.api.task;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.data.DataContext;

/**
 * A downstream classification task: a labelled training pool, from which the host draws each cell's labelled budget,
 * and a test split. Names such as {@code fmnist-10class} or {@code fmnist-binary}.
 */
public interface DownstreamTask extends Plugin {
    /** Loads the task. May be called from several threads; cache inside the plugin if loading is expensive. */
    TaskData load(DataContext context);

    /**
     * A cheap fingerprint of the data {@link #load} would return (for example a hash of the source files and of the
     * selection parameters). It enters every cell's identity; it must fail, with a message saying how to get the data,
     * when the data are missing, so that a grid is refused before anything runs.
     */
    String dataChecksum(DataContext context);
}
