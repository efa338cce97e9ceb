package io.pretrainbench.architecture.planted;

import io.pretrainbench.engine.grid.GridSpec;

/** A deliberate violation for {@code LayeringTest}: a "plugin" (any package outside the layers) using the engine. */
public final class PluginReachingIntoTheEngine {
    public int cellsOf(GridSpec grid) {
        return grid.hashCode();
    }
}
