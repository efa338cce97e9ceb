package io.pretrainbench.api.finetune;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.Compute;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.params.Parameters;
import java.util.Objects;

/**
 * What a fine-tuning protocol sees. Plugins read it; the host builds it, tests use {@link #builder()} (see
 * {@link io.pretrainbench.api.bound.EstimationContext} for why contexts stay records in SPI 1.x).
 *
 * @param encoder the pre-trained (or randomly initialised) encoder
 * @param train the labelled budget minus the validation hold-out; the protocol trains on it
 * @param validation held out from the labelled budget, for early stopping and model selection; never the test split
 * @param test the task's test split, for the final measurement only
 * @param numClasses labels are {@code 0 .. numClasses - 1}
 * @param params the protocol's validated parameters
 * @param seed all randomness (head initialisation, shuffling) derives from it
 */
public record FineTuningContext(
        Encoder encoder,
        Examples train,
        Examples validation,
        Examples test,
        int numClasses,
        Parameters params,
        long seed,
        Compute compute,
        ProgressListener progress,
        Cancellation cancellation) {

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a context. Required: encoder, train, validation, test, numClasses. Defaults: empty params, seed 0, one CPU
     * thread, no progress listener, never cancelled.
     */
    public static final class Builder {
        private Encoder encoder;
        private Examples train;
        private Examples validation;
        private Examples test;
        private Integer numClasses;
        private Parameters params = Parameters.empty();
        private long seed;
        private Compute compute = Compute.cpu(1);
        private ProgressListener progress = ProgressListener.NONE;
        private Cancellation cancellation = Cancellation.NEVER;

        private Builder() {}

        public Builder encoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        public Builder train(Examples train) {
            this.train = train;
            return this;
        }

        public Builder validation(Examples validation) {
            this.validation = validation;
            return this;
        }

        public Builder test(Examples test) {
            this.test = test;
            return this;
        }

        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
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

        /** @throws NullPointerException naming the first required part that was not given */
        public FineTuningContext build() {
            required(encoder, "encoder");
            required(train, "train");
            required(validation, "validation");
            required(test, "test");
            required(numClasses, "numClasses");
            return new FineTuningContext(
                    encoder, train, validation, test, numClasses, params, seed, compute, progress, cancellation);
        }

        private static void required(Object value, String part) {
            Objects.requireNonNull(
                    value, () -> "FineTuningContext needs " + part + ": call builder()." + part + "(...)");
        }
    }
}
