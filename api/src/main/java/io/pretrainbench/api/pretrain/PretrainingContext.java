package io.pretrainbench.api.pretrain;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.Compute;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.Parameters;
import java.util.Objects;

/**
 * What a pre-training method sees. Plugins read it; the host builds it, tests use {@link #builder()} (see
 * {@link io.pretrainbench.api.bound.EstimationContext} for why contexts stay records in SPI 1.x).
 *
 * @param corpus the pre-training examples (treat as unlabelled)
 * @param params the method's validated parameters
 * @param seed all randomness (initialisation, masking, shuffling) must derive from it
 */
public record PretrainingContext(
        Examples corpus,
        Parameters params,
        long seed,
        Compute compute,
        ProgressListener progress,
        Cancellation cancellation) {

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a context. Required: corpus. Defaults: empty params, seed 0, one CPU thread, no progress listener, never
     * cancelled.
     */
    public static final class Builder {
        private Examples corpus;
        private Parameters params = Parameters.empty();
        private long seed;
        private Compute compute = Compute.cpu(1);
        private ProgressListener progress = ProgressListener.NONE;
        private Cancellation cancellation = Cancellation.NEVER;

        private Builder() {}

        public Builder corpus(Examples corpus) {
            this.corpus = corpus;
            return this;
        }

        public Builder params(Parameters params) {
            this.params = params;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder compute(Compute compute) {
            this.compute = compute;
            return this;
        }

        public Builder progress(ProgressListener progress) {
            this.progress = progress;
            return this;
        }

        public Builder cancellation(Cancellation cancellation) {
            this.cancellation = cancellation;
            return this;
        }

        public PretrainingContext build() {
            Objects.requireNonNull(corpus, "PretrainingContext needs corpus: call builder().corpus(...)");
            return new PretrainingContext(corpus, params, seed, compute, progress, cancellation);
        }
    }
}
