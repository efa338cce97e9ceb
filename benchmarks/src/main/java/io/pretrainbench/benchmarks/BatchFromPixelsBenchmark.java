package io.pretrainbench.benchmarks;

import io.pretrainbench.api.data.Examples;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building a training batch the way {@code nn.Minibatches} does, {@link Examples#copyRow} of shuffled rows into one
 * float buffer, in images per second: from examples held as 8-bit pixels (converted while copying) against the same
 * images held as floats (a plain copy). The corpus is larger than the CPU caches, as a real one is.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class BatchFromPixelsBenchmark {
    static final int BATCH = 256;
    /** Corpus size in bytes of pixels (about 64 MB), whatever the image side. */
    private static final int CORPUS_BYTES = 64 << 20;

    /** {@code pixels} (bytes, SPI 1.3) or {@code floats}. */
    @Param({"pixels", "floats"})
    public String storage;

    /** Side in pixels of a colour image: CIFAR's 32 or STL-10's 96. */
    @Param({"32", "96"})
    public int side;

    private Examples corpus;
    private int[] order;
    private float[] batch;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        int size = side * side * 3;
        int count = CORPUS_BYTES / size;
        Random random = new Random(0);
        byte[] pixels = new byte[count * size];
        random.nextBytes(pixels);
        if (storage.equals("pixels")) {
            corpus = Examples.unlabelledPixels(pixels, side, side, 3);
        } else {
            float[] values = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) {
                values[i] = (pixels[i] & 0xff) / 255f;
            }
            corpus = Examples.unlabelled(values, side, side, 3);
        }
        order = random.ints(1 << 16, 0, count).toArray();
        batch = new float[BATCH * size];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public float[] buildBatch() {
        int size = corpus.exampleSize();
        for (int r = 0; r < BATCH; r++) {
            corpus.copyRow(order[next], batch, r * size);
            next = (next + 1) & (order.length - 1);
        }
        return batch;
    }
}
