package io.pretrainbench.nn;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.data.Examples;

/**
 * A trained model's pre-training loss on examples it never trained on: the mean of its loss over the full minibatches
 * of the held-out examples, without updating anything. Full batches only, as in training (a model built for one batch
 * shape evaluates in that shape), so up to {@code batchSize - 1} held-out examples may go unused; a held-out count that
 * is a multiple of the batch size uses them all. The order comes from a fixed seed and any randomness of the loss
 * itself (masks, noise) must too, so the value is a function of the trained weights alone.
 */
public final class HeldoutLoss {
    /** The seed every evaluation draws from: the batches' order here, a method's masks or noise in its own stream. */
    public static final long EVALUATION_SEED = 0;

    /** The loss of one held-out minibatch of {@code rows} examples (row-major) under the trained model. */
    public interface Batch {
        float loss(float[] inputs, int rows);
    }

    private HeldoutLoss() {}

    /** @throws IllegalArgumentException when there are fewer held-out examples than one batch */
    public static double mean(Examples heldout, int batchSize, Cancellation cancellation, Batch batch) {
        Minibatches batches = new Minibatches(heldout, batchSize, EVALUATION_SEED);
        if (batches.batchSize() != batchSize) {
            throw new IllegalArgumentException("the held-out loss needs at least one batch of " + batchSize
                    + " examples; " + heldout.count() + " were held out");
        }
        double[] sum = {0};
        batches.epoch((inputs, labels, rows) -> sum[0] += batch.loss(inputs, rows), cancellation);
        return sum[0] / batches.stepsPerEpoch();
    }
}
