package io.pretrainbench.benchmarks;

import io.pretrainbench.nn.VitEncoder;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the optimisation-step benchmarks share (JMH inherits these settings): throughput in images per second, one fork,
 * the thread budget as a parameter, the default ViT on 28×28 images and a fixed random batch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public abstract class VitStepBenchmark {
    /**
     * The defaults of {@code mae} and {@code scratch{architecture=vit}}: patch 4, width 64, depth 4, 4 heads, MLP ×2.
     */
    static final VitEncoder.Config DEFAULT_VIT = new VitEncoder.Config(new int[] {28, 28, 1}, 4, 64, 4, 4, 2);

    @Param({"2"})
    public int threads;

    /** {@code batch} 28×28 images of uniform random pixels, the same every trial. */
    static float[] randomImages(int batch) {
        Random random = new Random(0);
        float[] images = new float[batch * 28 * 28];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextFloat();
        }
        return images;
    }
}
