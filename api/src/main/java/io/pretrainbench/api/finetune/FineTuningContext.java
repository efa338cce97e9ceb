package io.pretrainbench.api.finetune;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.Compute;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.params.Parameters;

/**
 * What a fine-tuning protocol sees.
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
    Encoder encoder, Examples train, Examples validation, Examples test, int numClasses, Parameters params, long seed,
    Compute compute, ProgressListener progress, Cancellation cancellation) {}
