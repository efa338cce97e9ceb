package io.pretrainbench.api.bound;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.params.Parameters;

/**
 * The read-only view of a finished cell that a bound estimator receives.
 *
 * @param encoder the encoder under the head (after fine-tuning, if the protocol trained it)
 * @param head the fitted head
 * @param train the downstream sample the head was fitted on
 * @param trainFeatures the representation of {@code train} under {@code encoder}, one row per example
 * @param numClasses labels are {@code 0 .. numClasses - 1}
 * @param metrics the cell's measurements (train/test accuracy and risk)
 * @param params the estimator's validated parameters
 * @param seed for Monte Carlo estimates
 */
public record EstimationContext(
    Encoder encoder, Head head, Examples train, FeatureMatrix trainFeatures, int numClasses, Metrics metrics,
    Parameters params, long seed) {}
