package io.pretrainbench.benchmarks;

import io.pretrainbench.api.Compute;
import io.pretrainbench.nn.VitEncoder;
import io.pretrainbench.protocols.FineTuneModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One full fine-tuning step of the default ViT encoder (all 49 tokens, no masking) with a 10-class softmax-linear head:
 * forward, backward and two AdamW updates, in images per second.
 */
public class FineTuneStepBenchmark extends VitStepBenchmark {
    static final int BATCH = 32;

    private FineTuneModel model;
    private float[] images;
    private int[] labels;

    @Setup(Level.Trial)
    public void setUp() {
        model = new FineTuneModel(VitEncoder.initialise(DEFAULT_VIT, 0), 10, 0.05, 0, Compute.cpu(threads));
        images = randomImages(BATCH);
        labels = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            labels[i] = i % 10;
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float step() {
        return model.step(images, labels, BATCH, 5e-4f, 1e-3f);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }
}
