package io.pretrainbench.api;

import java.util.concurrent.CancellationException;

/**
 * Cooperative cancellation: the host cancels a cell that runs past its time limit, and a plugin checks at least once
 * per optimisation step. TensorFlow calls cannot be interrupted, so this is how a time limit takes effect.
 */
public interface Cancellation {
    boolean isCancelled();

    /** Throws {@link CancellationException} if the work was cancelled; call it between steps. */
    default void checkpoint() {
        if (isCancelled()) {
            throw new CancellationException("cancelled by the host (time limit or shutdown)");
        }
    }

    Cancellation NEVER = () -> false;
}
