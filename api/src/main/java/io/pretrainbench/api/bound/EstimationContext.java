package io.pretrainbench.api.bound;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.PluginUse;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.params.Parameters;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The read-only view of a finished cell that a bound estimator receives.
 *
 * <p>Plugins read contexts; they never construct them positionally. The host builds them, and tests use
 * {@link #builder()}: a later SPI 1.x adds a capability as a new component at the end with a builder default, which
 * keeps every accessor a compiled plugin calls (contexts stay records for the 1.x line: turning one into an interface
 * would make a 1.1 plugin's {@code invokevirtual} of an accessor fail with {@link IncompatibleClassChangeError}).
 *
 * @param encoder the encoder under the head (after fine-tuning, if the protocol trained it)
 * @param head the fitted head
 * @param train the downstream sample the head was fitted on
 * @param trainFeatures the representation of {@code train} under {@code encoder}, one row per example
 * @param numClasses labels are {@code 0 .. numClasses - 1}
 * @param metrics the cell's measurements (train/test accuracy and risk)
 * @param params the estimator's validated parameters
 * @param seed for Monte Carlo estimates
 * @param pretrainedEncoder the encoder as pre-training delivered it, before fine-tuning: the initialisation that
 *     distance-from-initialisation measures and PAC-Bayes priors refer to (it does not depend on the downstream
 *     sample). Equal to {@code encoder} when the protocol keeps the encoder frozen.
 * @param pretrainCurve the pre-training loss per optimisation step of this cell's encoder, in the method's own units;
 *     empty when the host does not know it (a method that does not train, such as {@code scratch}, or an encoder loaded
 *     from an earlier run's cache)
 * @param task the downstream task the cell ran, with its parameters (SPI 1.2); the host always gives it, a test may
 *     leave it empty
 * @param corpus the pre-training corpus of the cell's encoder, with its parameters (SPI 1.2); the host always gives it,
 *     a test may leave it empty
 */
public record EstimationContext(
        Encoder encoder,
        Head head,
        Examples train,
        FeatureMatrix trainFeatures,
        int numClasses,
        Metrics metrics,
        Parameters params,
        long seed,
        Encoder pretrainedEncoder,
        List<Double> pretrainCurve,
        Optional<PluginUse> task,
        Optional<PluginUse> corpus) {

    public EstimationContext {
        Objects.requireNonNull(pretrainedEncoder, "pretrainedEncoder");
        pretrainCurve = List.copyOf(pretrainCurve);
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(corpus, "corpus");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a context. Required: encoder, head, train, numClasses, metrics. Defaults: trainFeatures computed from the
     * encoder on {@code train}, empty params, seed 0, pretrainedEncoder = encoder, no pretraining curve, no task or
     * corpus.
     */
    public static final class Builder {
        private Encoder encoder;
        private Head head;
        private Examples train;
        private FeatureMatrix trainFeatures;
        private Integer numClasses;
        private Metrics metrics;
        private Parameters params = Parameters.empty();
        private long seed;
        private Encoder pretrainedEncoder;
        private List<Double> pretrainCurve = List.of();
        private PluginUse task;
        private PluginUse corpus;

        private Builder() {}

        public Builder encoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        public Builder head(Head head) {
            this.head = head;
            return this;
        }

        public Builder train(Examples train) {
            this.train = train;
            return this;
        }

        public Builder trainFeatures(FeatureMatrix trainFeatures) {
            this.trainFeatures = trainFeatures;
            return this;
        }

        public Builder numClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        public Builder metrics(Metrics metrics) {
            this.metrics = metrics;
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

        public Builder pretrainedEncoder(Encoder pretrainedEncoder) {
            this.pretrainedEncoder = pretrainedEncoder;
            return this;
        }

        public Builder pretrainCurve(List<Double> pretrainCurve) {
            this.pretrainCurve = pretrainCurve;
            return this;
        }

        public Builder task(PluginUse task) {
            this.task = task;
            return this;
        }

        public Builder corpus(PluginUse corpus) {
            this.corpus = corpus;
            return this;
        }

        /** @throws NullPointerException naming the first required part that was not given */
        public EstimationContext build() {
            required(encoder, "encoder");
            required(head, "head");
            required(train, "train");
            required(numClasses, "numClasses");
            required(metrics, "metrics");
            FeatureMatrix features = trainFeatures != null
                    ? trainFeatures
                    : EncoderFeatures.compute(encoder, train, Compute.cpu(1), 256);
            return new EstimationContext(
                    encoder,
                    head,
                    train,
                    features,
                    numClasses,
                    metrics,
                    params,
                    seed,
                    pretrainedEncoder != null ? pretrainedEncoder : encoder,
                    pretrainCurve,
                    Optional.ofNullable(task),
                    Optional.ofNullable(corpus));
        }

        private static void required(Object value, String part) {
            Objects.requireNonNull(
                    value, () -> "EstimationContext needs " + part + ": call builder()." + part + "(...)");
        }
    }
}
