package io.pretrainbench.api.model;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;

/**
 * Computes an encoder's representation of examples (frozen, inference mode), in batches. The one way the host, the
 * conformance kit and protocols turn an {@link Encoder} into numbers, so that "the same encoder gives the same
 * features" means the same thing everywhere.
 */
public final class EncoderFeatures {
    private EncoderFeatures() {}

    public static FeatureMatrix compute(Encoder encoder, Examples examples, Compute compute, int batchSize) {
        int n = examples.count();
        int dim = encoder.featureDim();
        float[] out = new float[n * dim];
        int[] shape = examples.shape();
        long[] batchShape = new long[shape.length + 1];
        batchShape[0] = -1;
        for (int i = 0; i < shape.length; i++) {
            batchShape[i + 1] = shape[i];
        }
        try (Graph graph = new Graph();
                Session session = new Session(graph, sessionConfig(compute))) {
            Ops tf = Ops.create(graph).withDevice(compute.deviceSpec());
            Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batchShape)));
            EncoderGraph forward = encoder.build(tf, input, EncoderMode.FROZEN);
            for (int start = 0; start < n; start += batchSize) {
                int rows = Math.min(batchSize, n - start);
                batchShape[0] = rows;
                float[] batch = new float[rows * examples.exampleSize()];
                for (int r = 0; r < rows; r++) {
                    examples.copyRow(start + r, batch, r * examples.exampleSize());
                }
                try (TFloat32 x = TFloat32.tensorOf(Shape.of(batchShape), DataBuffers.of(batch, true, false));
                        Result result = session.runner()
                                .feed(input, x)
                                .fetch(forward.features())
                                .run()) {
                    ((TFloat32) result.get(0)).asRawTensor().data().asFloats().read(out, start * dim, rows * dim);
                }
            }
        }
        return new FeatureMatrix(n, dim, out);
    }

    /**
     * A session configuration honouring a cell's {@link Compute}. Per-session thread pools: otherwise TensorFlow sizes
     * one global pool by the first session of the process, and later cells with other budgets share it. On a CPU device
     * no GPU is even created, so a cell given the CPU never takes GPU memory from a neighbour (and runs on the CPU even
     * where ops are not placed); on a GPU, memory is taken as it is needed rather than the whole card at the first
     * session, so that cells of other slots (processes) can share it. Soft placement moves an op without a kernel for
     * the device to the CPU instead of failing.
     */
    public static ConfigProto sessionConfig(Compute compute) {
        ConfigProto.Builder config = ConfigProto.newBuilder()
                .setIntraOpParallelismThreads(compute.threads())
                .setInterOpParallelismThreads(1)
                .setUsePerSessionThreads(true)
                .setAllowSoftPlacement(true);
        if (compute.onGpu()) {
            config.setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true));
        } else {
            config.putDeviceCount("GPU", 0);
        }
        return config.build();
    }
}
