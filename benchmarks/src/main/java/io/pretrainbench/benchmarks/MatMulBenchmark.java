package io.pretrainbench.benchmarks;

import io.pretrainbench.api.Compute;
import io.pretrainbench.nn.Sessions;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The dense-matmul peak the training steps are measured against: one {@code size × size} float matmul in TensorFlow
 * Java on the same thread budget, in matmuls per second ({@link StepFlops#matMul} turns it into FLOP/s). The operands
 * are fed as tensors built once, so that the figure is the kernel's, not a copy's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx4g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
public class MatMulBenchmark {
    @Param({"2"})
    public int threads;

    @Param({"2048"})
    public int size;

    private Graph graph;
    private Session session;
    private Placeholder<TFloat32> left;
    private Placeholder<TFloat32> right;
    private Operand<TFloat32> product;
    private TFloat32 leftValues;
    private TFloat32 rightValues;

    @Setup(Level.Trial)
    public void setUp() {
        Compute compute = new Compute(threads, "/cpu:0");
        graph = new Graph();
        session = Sessions.open(graph, compute);
        Ops tf = Sessions.ops(graph, compute);
        left = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(size, size)));
        right = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(size, size)));
        product = tf.linalg.matMul(left, right);
        Random random = new Random(0);
        leftValues = Sessions.floats(randomValues(random), size, size);
        rightValues = Sessions.floats(randomValues(random), size, size);
    }

    private float[] randomValues(Random random) {
        float[] values = new float[size * size];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextFloat();
        }
        return values;
    }

    @Benchmark
    public void matMul() {
        session.runner()
                .feed(left, leftValues)
                .feed(right, rightValues)
                .addTarget(product)
                .run()
                .close();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        leftValues.close();
        rightValues.close();
        session.close();
        graph.close();
    }
}
