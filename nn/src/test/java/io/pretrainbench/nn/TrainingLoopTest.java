package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.NonFiniteLossException;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.data.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class TrainingLoopTest {
    /** Ten one-value examples whose value is their index, labelled with it too. */
    private static final Examples TEN =
            Examples.labelled(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 1);

    @Test
    void everyEpochVisitsEveryExampleOnceInASeededOrder() {
        List<int[]> epochs = visits(new Minibatches(TEN, 5, 42), 3);
        for (int[] epoch : epochs) {
            assertThat(epoch).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
        assertThat(epochs.get(0)).as("reshuffled per epoch").isNotEqualTo(epochs.get(1));
        assertThat(visits(new Minibatches(TEN, 5, 42), 3))
                .as("same seed, same order")
                .usingRecursiveComparison()
                .isEqualTo(epochs);
        assertThat(visits(new Minibatches(TEN, 5, 43), 1).get(0)).isNotEqualTo(epochs.get(0));
    }

    @Test
    void thePartialLastBatchIsDroppedSoEveryStepHasOneShape() {
        Minibatches batches = new Minibatches(TEN, 4, 0);
        assertThat(batches.stepsPerEpoch()).isEqualTo(2);
        List<Integer> rows = new ArrayList<>();
        batches.epoch((inputs, labels, n) -> rows.add(n), Cancellation.NEVER);
        assertThat(rows).containsExactly(4, 4);
        assertThat(new Minibatches(TEN, 100, 0).batchSize())
                .as("capped at the data size")
                .isEqualTo(10);
    }

    @Test
    void stepsAreNumberedAcrossEpochsAndEveryLossIsReported() {
        List<String> reported = new ArrayList<>();
        List<Integer> indices = new ArrayList<>();
        TrainingLoop loop = new TrainingLoop(
                new Minibatches(TEN, 5, 0),
                3,
                "pretrain",
                (phase, step, total, loss) -> reported.add(phase + " " + step + "/" + total + " " + loss),
                Cancellation.NEVER);
        loop.run((inputs, labels, rows, step) -> {
            indices.add(step);
            return 1f / (step + 1);
        });
        assertThat(loop.totalSteps()).isEqualTo(6);
        assertThat(loop.stepsTaken()).isEqualTo(6);
        assertThat(indices).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(reported)
                .containsExactly(
                        "pretrain 1/6 1.0",
                        "pretrain 2/6 0.5",
                        "pretrain 3/6 0.3333333432674408",
                        "pretrain 4/6 0.25",
                        "pretrain 5/6 0.20000000298023224",
                        "pretrain 6/6 0.1666666716337204");
    }

    @Test
    void cancellationIsCheckedBeforeEveryStep() {
        int[] steps = {0};
        TrainingLoop loop = new TrainingLoop(
                new Minibatches(TEN, 2, 0), 10, "finetune", ProgressListener.NONE, () -> steps[0] >= 3);
        assertThatThrownBy(() -> loop.run((inputs, labels, rows, step) -> {
                    steps[0]++;
                    return 0f;
                }))
                .isInstanceOf(CancellationException.class);
        assertThat(steps[0]).isEqualTo(3);
    }

    @Test
    void aNonFiniteLossStopsTrainingThroughTheHostsListener() {
        TrainingLoop loop =
                new TrainingLoop(new Minibatches(TEN, 2, 0), 2, "pretrain", ProgressListener.NONE, Cancellation.NEVER);
        assertThatThrownBy(() -> loop.run((inputs, labels, rows, step) -> step == 2 ? Float.NaN : 1f))
                .isInstanceOf(NonFiniteLossException.class)
                .hasMessageContaining("'pretrain' at step 3");
    }

    @Test
    void aNonFiniteLossStopsTrainingEvenWhenTheListenerOnlyRecords() {
        List<Double> seen = new ArrayList<>();
        TrainingLoop loop = new TrainingLoop(
                new Minibatches(TEN, 2, 0),
                2,
                "finetune",
                (phase, step, total, loss) -> seen.add(loss),
                Cancellation.NEVER);
        assertThatThrownBy(() -> loop.run((inputs, labels, rows, step) -> step == 1 ? Float.POSITIVE_INFINITY : 1f))
                .isInstanceOf(NonFiniteLossException.class)
                .hasMessageContaining("at step 2");
        assertThat(seen).as("the bad step is still recorded").containsExactly(1.0, Double.POSITIVE_INFINITY);
    }

    @Test
    void nothingToTrainOnIsAClearError() {
        Examples none = Examples.labelled(new float[0], new int[0], 1);
        assertThatThrownBy(() -> new Minibatches(none, 8, 0)).hasMessageContaining("no examples to train on");
        assertThatThrownBy(() -> new Minibatches(TEN, 0, 0)).hasMessageContaining("batch size must be >= 1");
    }

    /** The example indices each epoch visited, in order. */
    private static List<int[]> visits(Minibatches batches, int epochs) {
        List<int[]> out = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            List<Integer> order = new ArrayList<>();
            batches.epoch(
                    (inputs, labels, rows) -> {
                        for (int r = 0; r < rows; r++) {
                            assertThat(labels[r]).isEqualTo((int) inputs[r]);
                            order.add(labels[r]);
                        }
                    },
                    Cancellation.NEVER);
            out.add(order.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    @Test
    void epochsMustBePositive() {
        assertThatThrownBy(() ->
                        new TrainingLoop(new Minibatches(TEN, 2, 0), 0, "x", ProgressListener.NONE, Cancellation.NEVER))
                .hasMessageContaining("epochs must be >= 1");
    }
}
