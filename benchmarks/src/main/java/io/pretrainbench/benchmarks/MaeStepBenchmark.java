package io.pretrainbench.benchmarks;

import io.pretrainbench.api.Compute;
import io.pretrainbench.methods.MaeModel;
import io.pretrainbench.nn.VitEncoder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One MAE pre-training step (forward, backward, AdamW update) with the defaults of {@code mae} on 28×28 images:
 * ViT patch 4 (49 tokens), width 64, depth 4, 4 heads, MLP ratio 2, decoder width 64 and depth 1, mask ratio 0.75.
 * Reported in images per second ({@code @OperationsPerInvocation} = batch). The PyTorch peer
 * ({@code src/main/python/mae_step.py}) runs the identical model, batch and thread count.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class MaeStepBenchmark {
  static final int BATCH = 128;

  @Param({"2"})
  public int threads;

  /** TensorFlow device of the step: {@code /cpu:0}, or {@code /gpu:0} with the GPU build ({@code bin/gpu-check}). */
  @Param({"/cpu:0"})
  public String device;

  private MaeModel model;
  private float[] images;

  @Setup(Level.Trial)
  public void setUp() {
    VitEncoder.Config config = new VitEncoder.Config(new int[] {28, 28, 1}, 4, 64, 4, 4, 2);
    model = new MaeModel(new MaeModel.Settings(config, 0.75, true, 64, 1, 0.05, BATCH, null), 0,
        new Compute(threads, device));
    images = new float[BATCH * 28 * 28];
    Random random = new Random(0);
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat();
    }
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
