package io.pretrainbench.benchmarks;

import io.pretrainbench.api.Compute;
import io.pretrainbench.nn.VitEncoder;
import io.pretrainbench.protocols.FineTuneModel;
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
 * One full fine-tuning step of the default ViT encoder (all 49 tokens, no masking) with a 10-class softmax-linear
 * head: forward, backward and two AdamW updates, in images per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class FineTuneStepBenchmark {
  static final int BATCH = 32;

  @Param({"2"})
  public int threads;

  private FineTuneModel model;
  private float[] images;
  private int[] labels;

  @Setup(Level.Trial)
  public void setUp() {
    VitEncoder encoder = VitEncoder.initialise(new VitEncoder.Config(new int[] {28, 28, 1}, 4, 64, 4, 4, 2), 0);
    model = new FineTuneModel(encoder, 10, 0.05, 0, Compute.cpu(threads));
    Random random = new Random(0);
    images = new float[BATCH * 28 * 28];
    labels = new int[BATCH];
    for (int i = 0; i < images.length; i++) {
      images[i] = random.nextFloat();
    }
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
