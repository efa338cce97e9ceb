package io.pretrainbench.api.finetune;

import io.pretrainbench.api.model.Encoder;

/**
 * The outcome of fine-tuning.
 *
 * @param encoder the encoder as used by the head: the input encoder when frozen, the trained one otherwise
 * @param head the fitted head
 * @param metrics what was measured
 */
public record FineTuneResult(Encoder encoder, Head head, Metrics metrics) {}
