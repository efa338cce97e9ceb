package io.pretrainbench.nn;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.data.Examples;
import java.util.Random;

/**
 * Epochs of shuffled minibatches over a set of examples, copied row by row into one reusable buffer: the data set
 * itself is never copied. The order depends only on the seed.
 */
public final class Minibatches {
    /** Receives one minibatch: {@code rows} examples in {@code inputs} (row-major) and, if labelled, their labels. */
    public interface Step {
        void accept(float[] inputs, int[] labels, int rows);
    }

    private final Examples examples;
    private final int batchSize;
    private final Random random;
    private final float[] inputs;
    private final int[] labels;
    private final int[] order;
    private final Augmentation augmentation;

    public Minibatches(Examples examples, int batchSize, long seed) {
        this(examples, batchSize, seed, Augmentation.NONE);
    }

    /** Minibatches whose images are augmented as each batch is built; the order is that of the plain ones. */
    public Minibatches(Examples examples, int batchSize, long seed, Augmentation augmentation) {
        if (examples.count() == 0) {
            throw new IllegalArgumentException("no examples to train on: " + examples);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.examples = examples;
        this.batchSize = Math.min(batchSize, examples.count());
        this.random = new Random(seed);
        this.inputs = new float[this.batchSize * examples.exampleSize()];
        this.labels = new int[this.batchSize];
        this.order = new int[examples.count()];
        this.augmentation = augmentation;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
    }

    /** Full batches per epoch (the last partial batch is dropped so every step has the same shape). */
    public int stepsPerEpoch() {
        return Math.max(1, examples.count() / batchSize);
    }

    public int batchSize() {
        return batchSize;
    }

    /**
     * Runs one epoch: shuffles, then calls {@code step} per batch, checking cancellation before each. Training loops
     * usually go through {@link TrainingLoop}, which also numbers the steps and reports their losses.
     */
    public void epoch(Step step, Cancellation cancellation) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (int b = 0; b < stepsPerEpoch(); b++) {
            cancellation.checkpoint();
            int rows = Math.min(batchSize, order.length - b * batchSize);
            for (int r = 0; r < rows; r++) {
                int index = order[b * batchSize + r];
                examples.copyRow(index, inputs, r * examples.exampleSize());
                if (examples.hasLabels()) {
                    labels[r] = examples.label(index);
                }
            }
            augmentation.apply(inputs, rows);
            step.accept(inputs, labels, rows);
        }
    }
}
