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
 * ({@code src/main/python/mae_step.py}) and {@link MaeStepDjlBenchmark} (PyTorch 2.7 from Java) run the identical
 * model, batch and thread count.
 */
public class MaeStepBenchmark extends VitStepBenchmark {
    static final int BATCH = 128;
    static final double MASK_RATIO = 0.75;
    static final int DECODER_WIDTH = 64;
    static final int DECODER_DEPTH = 1;
    static final double WEIGHT_DECAY = 0.05;
    static final float LEARNING_RATE = 1e-4f;
    /** Visible patches per image, as {@code MaeModel} keeps them: the unmasked share of the tokens, at least one. */
    static final int VISIBLE = (int) Math.max(1, Math.round(DEFAULT_VIT.tokens() * (1 - MASK_RATIO)));

    /** TensorFlow device of the step: {@code /cpu:0}, or {@code /gpu:0} with the GPU build ({@code bin/gpu-check}). */
    @Param({"/cpu:0"})
    public String device;

    private MaeModel model;
    private float[] images;

    @Setup(Level.Trial)
    public void setUp() {
        model = new MaeModel(
                new MaeModel.Settings(
                        DEFAULT_VIT, MASK_RATIO, true, DECODER_WIDTH, DECODER_DEPTH, WEIGHT_DECAY, BATCH, null),
                0,
                new Compute(threads, device));
        images = randomImages(BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float step() {
        return model.step(images, LEARNING_RATE);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
    }
}
