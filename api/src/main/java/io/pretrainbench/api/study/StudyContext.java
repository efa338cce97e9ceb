package io.pretrainbench.api.study;

import io.pretrainbench.api.params.Parameters;
import java.util.Objects;

/**
 * What a case study sees when it is set up: its validated parameters and the study's seed. Build it with
 * {@link #builder()}, never with the canonical constructor, so that code compiled against this SPI keeps working when a
 * later version adds a component.
 *
 * @param params the case's parameters, validated against its descriptor, defaults filled in
 * @param seed the study file's seed, for randomness the case draws once (a shared test sample, a Monte-Carlo integral);
 *     each replicate gets its own seed in {@link CaseModel#excessRisk}
 */
public record StudyContext(Parameters params, long seed) {
    public StudyContext {
        Objects.requireNonNull(params, "params");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts from no parameters and seed 0. */
    public static final class Builder {
        private Parameters params = Parameters.empty();
        private long seed;

        private Builder() {}

        public Builder params(Parameters params) {
            this.params = params;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public StudyContext build() {
            return new StudyContext(params, seed);
        }
    }
}
