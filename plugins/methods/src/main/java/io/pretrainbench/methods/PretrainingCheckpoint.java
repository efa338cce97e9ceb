package io.pretrainbench.methods;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.nn.AnnotatedEncoder;
import io.pretrainbench.nn.TrainingLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * The parameters that let a study look along one pre-training run, for the methods that train on the corpus: stop at a
 * checkpoint epoch of the planned run, and keep the corpus's last examples out of training to measure the pre-training
 * loss on them. Both are off by default and left out of the cell ids while off
 * ({@link ParameterSpec#omittedAtDefault()}), so adding them kept every existing cell and encoder.
 *
 * <p>A sweep of {@code checkpoint_epoch} gives one encoder per checkpoint, each bit for bit the one a single run of
 * {@code epochs} epochs has at that epoch ({@link TrainingLoop#runFirst}); each is trained from the start, so k
 * checkpoints of one run cost about k²/2 epochs rather than k.
 */
final class PretrainingCheckpoint {
    static final String CHECKPOINT_EPOCH = "checkpoint_epoch";
    static final String HELDOUT = "heldout";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer(
                            CHECKPOINT_EPOCH,
                            0,
                            0,
                            1000,
                            "stop after this many of the planned epochs, with the schedule and shuffles of the full"
                                    + " run (the encoder a full run has at that epoch); 0 = the full run")
                    .omittedAtDefault(),
            ParameterSpec.integer(
                            HELDOUT,
                            0,
                            0,
                            1_000_000,
                            "keep the last N of the (max_examples-capped) corpus out of training and record the"
                                    + " pre-training loss on them in the encoder (pretrain_heldout_loss); 0 or at"
                                    + " least batch_size")
                    .omittedAtDefault());

    /** The corpus a run trains on and the examples it holds out (none when {@code heldout} is 0). */
    record Split(Examples training, Optional<Examples> heldout) {}

    private PretrainingCheckpoint() {}

    /** A method's own parameters followed by {@code checkpoint_epoch} and {@code heldout}. */
    static List<ParameterSpec> withCheckpoints(List<ParameterSpec> own) {
        List<ParameterSpec> all = new ArrayList<>(own);
        all.addAll(PARAMETERS);
        return List.copyOf(all);
    }

    /**
     * Refuses, at validate, a checkpoint beyond the run, and a held-out count that leaves no training examples or fills
     * less than one batch (the held-out loss is taken over full batches).
     */
    static void check(Parameters p) {
        int epochs = p.getInt("epochs");
        int checkpoint = p.getInt(CHECKPOINT_EPOCH);
        if (checkpoint > epochs) {
            throw new InvalidParameterException(
                    CHECKPOINT_EPOCH,
                    checkpoint + " is beyond the run's " + epochs + " epochs; valid: 0 (the full run) or 1.." + epochs);
        }
        int heldout = p.getInt(HELDOUT);
        int batch = p.getInt("batch_size");
        int cap = p.getInt("max_examples");
        if (heldout != 0 && (heldout < batch || heldout >= cap)) {
            throw new InvalidParameterException(
                    HELDOUT,
                    heldout + " is invalid; valid: 0 (none) or " + batch + " (batch_size) .. " + (cap - 1)
                            + " (max_examples - 1)");
        }
    }

    /** The corpus capped at {@code max_examples}, its last {@code heldout} examples set apart. */
    static Split split(Examples corpus, Parameters p) {
        Examples capped = corpus.first(p.getInt("max_examples"));
        int heldout = p.getInt(HELDOUT);
        if (heldout == 0) {
            return new Split(capped, Optional.empty());
        }
        int training = capped.count() - heldout;
        if (training < 1) {
            throw new IllegalArgumentException(
                    "heldout " + heldout + " leaves none of the corpus's " + capped.count() + " examples to train on");
        }
        return new Split(
                capped.first(training),
                Optional.of(
                        capped.subset(IntStream.range(training, capped.count()).toArray())));
    }

    /** Runs the planned epochs, or the first {@code checkpoint_epoch} of them. */
    static void run(TrainingLoop loop, Parameters p, TrainingLoop.Step step) {
        int checkpoint = p.getInt(CHECKPOINT_EPOCH);
        loop.runFirst(checkpoint == 0 ? loop.epochs() : checkpoint, step);
    }

    /** {@code trained}, with its loss on the held-out examples recorded when the split held some out. */
    static Encoder record(Encoder trained, Split split, ToDoubleFunction<Examples> heldoutLoss) {
        return split.heldout()
                .map(heldout -> AnnotatedEncoder.withHeldoutLoss(trained, heldoutLoss.applyAsDouble(heldout)))
                .orElse(trained);
    }
}
