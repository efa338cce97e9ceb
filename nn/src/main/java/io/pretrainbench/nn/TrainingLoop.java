package io.pretrainbench.nn;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.NonFiniteLossException;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.pretrain.PretrainingContext;

/**
 * The loop every training in the built-in plugins runs: epochs of shuffled minibatches ({@link Minibatches}), the
 * cancellation checked before every step, and every step's loss reported to the {@link ProgressListener} under one
 * phase with steps numbered 1 … {@link #totalSteps()} across epochs. What a step computes stays with the model; what
 * happens between epochs (validation, early stopping) stays with the caller, who calls {@link #epoch} once per epoch.
 *
 * <p>A non-finite loss ends training with {@link NonFiniteLossException}: the host's listener throws it itself, and
 * this loop throws it when a listener does not, because every weight is garbage after a NaN step.
 */
public final class TrainingLoop {
    /** One optimisation step on a minibatch. */
    public interface Step {
        /**
         * @param inputs {@code rows} examples, row-major (a buffer reused by the next step)
         * @param labels their labels, when the examples are labelled
         * @param step 0-based index of this step across epochs, for learning-rate schedules
         * @return the step's training loss
         */
        float run(float[] inputs, int[] labels, int rows, int step);
    }

    private final Minibatches batches;
    private final int epochs;
    private final String phase;
    private final ProgressListener progress;
    private final Cancellation cancellation;
    private int steps;

    public TrainingLoop(
            Minibatches batches, int epochs, String phase, ProgressListener progress, Cancellation cancellation) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        this.batches = batches;
        this.epochs = epochs;
        this.phase = phase;
        this.progress = progress;
        this.cancellation = cancellation;
    }

    /** A pre-training's loop: phase {@code pretrain}, the context's progress listener and cancellation. */
    public static TrainingLoop pretraining(Minibatches batches, int epochs, PretrainingContext context) {
        return new TrainingLoop(batches, epochs, "pretrain", context.progress(), context.cancellation());
    }

    public int epochs() {
        return epochs;
    }

    /** Steps planned if every epoch runs (early stopping may end sooner). */
    public int totalSteps() {
        return epochs * batches.stepsPerEpoch();
    }

    /** Steps taken so far. */
    public int stepsTaken() {
        return steps;
    }

    /** Runs one epoch of steps. */
    public void epoch(Step step) {
        batches.epoch(
                (inputs, labels, rows) -> {
                    float loss = step.run(inputs, labels, rows, steps);
                    steps++;
                    progress.step(phase, steps, totalSteps(), loss);
                    if (!Float.isFinite(loss)) {
                        throw new NonFiniteLossException(phase, steps, loss);
                    }
                },
                cancellation);
    }

    /** Runs all epochs. */
    public void run(Step step) {
        runFirst(epochs, step);
    }

    /**
     * Runs the first {@code stopAfter} of the planned epochs and stops: a checkpoint of the full run. The shuffles, the
     * step numbers and {@link #totalSteps()} (which learning-rate schedules read) are those of the full run, so the
     * weights after epoch {@code stopAfter} are bit for bit those the full run has at that epoch.
     */
    public void runFirst(int stopAfter, Step step) {
        if (stopAfter < 1 || stopAfter > epochs) {
            throw new IllegalArgumentException(
                    "a checkpoint must lie within the run's 1.." + epochs + " epochs, got " + stopAfter);
        }
        for (int e = 0; e < stopAfter; e++) {
            epoch(step);
        }
    }
}
