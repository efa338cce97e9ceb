package io.pretrainbench.api.bound;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.params.Parameters;
import java.util.List;
import java.util.Objects;

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
 * @param pretrainedEncoder the encoder as pre-training delivered it, before fine-tuning: the initialisation that
 *     distance-from-initialisation measures and PAC-Bayes priors refer to (it does not depend on the downstream
 *     sample). Equal to {@code encoder} when the protocol keeps the encoder frozen.
 * @param pretrainCurve the pre-training loss per optimisation step of this cell's encoder, in the method's own units;
 *     empty when the host does not know it (a method that does not train, such as {@code scratch}, or an encoder
 *     loaded from an earlier run's cache)
 */
public record EstimationContext(
    Encoder encoder, Head head, Examples train, FeatureMatrix trainFeatures, int numClasses, Metrics metrics,
    Parameters params, long seed, Encoder pretrainedEncoder, List<Double> pretrainCurve) {

  public EstimationContext {
    Objects.requireNonNull(pretrainedEncoder, "pretrainedEncoder");
    pretrainCurve = List.copyOf(pretrainCurve);
  }

  /**
   * A cell whose pre-training the host does not describe: the encoder is its own initialisation and the pre-training
   * curve is unknown. The constructor of SPI 1.0, kept so that callers written against it still compile.
   */
  public EstimationContext(Encoder encoder, Head head, Examples train, FeatureMatrix trainFeatures, int numClasses,
      Metrics metrics, Parameters params, long seed) {
    this(encoder, head, train, trainFeatures, numClasses, metrics, params, seed, encoder, List.of());
  }
}
