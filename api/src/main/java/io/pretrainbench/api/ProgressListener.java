package io.pretrainbench.api;

/**
 * Where a plugin reports training progress. The host records every reported loss as the training curve of the cell,
 * shows progress, and fails the cell when a loss is not finite (by throwing from {@link #step}).
 */
public interface ProgressListener {
    /**
     * One optimisation step finished.
     *
     * @param phase short label such as {@code pretrain} or {@code finetune}
     * @param step 1-based step number within the phase
     * @param totalSteps planned number of steps in the phase (for ETA), or 0 when unknown
     * @param loss the training loss of this step
     */
    void step(String phase, int step, int totalSteps, double loss);

    /** A listener that records nothing, for tests and tools. It still refuses non-finite losses. */
    ProgressListener NONE = (phase, step, totalSteps, loss) -> {
        if (!Double.isFinite(loss)) {
            throw new NonFiniteLossException(phase, step, loss);
        }
    };
}
