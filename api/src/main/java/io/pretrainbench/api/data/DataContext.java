package io.pretrainbench.api.data;

import io.pretrainbench.api.params.Parameters;

/**
 * What a data plugin (corpus or task) sees when asked for data.
 *
 * @param params the plugin's validated parameters
 */
public record DataContext(Parameters params) {}
