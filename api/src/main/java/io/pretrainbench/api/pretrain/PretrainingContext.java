package io.pretrainbench.api.pretrain;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.Compute;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.Parameters;

/**
 * What a pre-training method sees.
 *
 * @param corpus the pre-training examples (treat as unlabelled)
 * @param params the method's validated parameters
 * @param seed all randomness (initialisation, masking, shuffling) must derive from it
 */
public record PretrainingContext(
    Examples corpus, Parameters params, long seed, Compute compute, ProgressListener progress,
    Cancellation cancellation) {}
