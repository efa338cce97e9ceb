package io.pretrainbench.api;

import io.pretrainbench.api.params.Parameters;
import java.util.Objects;

/**
 * Which plugin a cell used for one of its parts, with the validated parameters it ran with: what an estimator reads to
 * know the cell's task or corpus (for example to rebuild the features a synthetic task planted).
 *
 * @param name the plugin's name, as in the grid file
 * @param params its parameters after validation, defaults filled in
 */
public record PluginUse(String name, Parameters params) {
    public PluginUse {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(params, "params");
    }
}
