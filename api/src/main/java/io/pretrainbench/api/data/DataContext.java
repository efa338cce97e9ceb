package io.pretrainbench.api.data;

import io.pretrainbench.api.params.Parameters;

/**
 * What a data plugin (corpus or task) sees when asked for data. Plugins read it; the host builds it, tests use
 * {@link #builder()} (see {@link io.pretrainbench.api.bound.EstimationContext} for why contexts stay records in SPI
 * 1.x).
 *
 * @param params the plugin's validated parameters
 */
public record DataContext(Parameters params) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a context. Defaults: empty params. */
    public static final class Builder {
        private Parameters params = Parameters.empty();

        private Builder() {}

        public Builder params(Parameters params) {
            this.params = params;
            return this;
        }

        public DataContext build() {
            return new DataContext(params);
        }
    }
}
