package io.pretrainbench.benchmarks;

import io.pretrainbench.api.Compute;
import io.pretrainbench.methods.MaeModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One MAE pre-training step (forward, backward, AdamW update) with the defaults of {@code mae} on 28×28 images: ViT
 * patch 4 (49 tokens), width 64, depth 4, 4 heads, MLP ratio 2, decoder width 64 and depth 1, mask ratio 0.75. Reported
 * in images per second ({@code @OperationsPerInvocation} = batch). The PyTorch peer
 * ({@code src/main/python/mae_step.py}) runs the identical model, batch and thread count.
 */
public class MaeStepBenchmark extends VitStepBenchmark {
    static final int BATCH = 128;

    /** TensorFlow device of the step: {@code /cpu:0}, or {@code /gpu:0} with the GPU build ({@code bin/gpu-check}). */
    @Param({"/cpu:0"})
    public String device;

    private MaeModel model;
    private float[] images;

    @Setup(Level.Trial)
    public void setUp() {
        model = new MaeModel(
                new MaeModel.Settings(DEFAULT_VIT, 0.75, true, 64, 1, 0.05, BATCH, null),
                0,
                new Compute(threads, device));
        images = randomImages(BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float step() {
        return model.step(images, 1e-4f);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }
}
