package io.pretrainbench.nn;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Sessions and tensors: building on and running with a cell's {@link Compute} (threads, device), feeding Java arrays,
 * reading variables back.
 */
public final class Sessions {
    private Sessions() {}

    /**
     * Ops that place every node they create on {@code compute.device()}. Build a model with these, and run it with
     * {@link #open}: together they honour the cell's device.
     */
    public static Ops ops(Graph graph, Compute compute) {
        return Ops.create(graph).withDevice(compute.deviceSpec());
    }

    /**
     * A session with the cell's budget ({@link EncoderFeatures#sessionConfig}): {@code compute.threads()} intra-op
     * threads in a pool of its own, one inter-op thread (our graphs are chains of large ops, and one inter-op thread
     * keeps the order of floating-point reductions, hence the results, independent of scheduling), no GPU on a CPU
     * device, GPU memory taken as needed on a GPU.
     */
    public static Session open(Graph graph, Compute compute) {
        return new Session(graph, EncoderFeatures.sessionConfig(compute));
    }

    /** A float tensor of the given shape over the first {@code shape}-many values of {@code values} (copied). */
    public static TFloat32 floats(float[] values, long... shape) {
        return TFloat32.tensorOf(
                Shape.of(shape),
                DataBuffers.of(values, true, false).narrow(Shape.of(shape).size()));
    }

    public static TInt32 ints(int[] values, long... shape) {
        return TInt32.tensorOf(
                Shape.of(shape),
                DataBuffers.of(values, true, false).narrow(Shape.of(shape).size()));
    }

    /** Reads trained variables back into {@link Weights}, under the names they were registered with. */
    public static Weights read(Session session, Map<String, Variable<TFloat32>> variables) {
        List<String> names = new ArrayList<>(variables.keySet());
        Session.Runner runner = session.runner();
        names.forEach(n -> runner.fetch(variables.get(n)));
        Map<String, WeightTensor> out = new TreeMap<>();
        try (Result result = runner.run()) {
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), toWeight((TFloat32) result.get(i)));
            }
        }
        return new Weights(out);
    }

    /** A linear head's current values: {@code kernel [featureDim, numClasses]} and {@code bias [numClasses]}. */
    public static LinearHead readLinearHead(Session session, Variable<TFloat32> kernel, Variable<TFloat32> bias) {
        try (Result result = session.runner().fetch(kernel).fetch(bias).run()) {
            return new LinearHead(toWeight((TFloat32) result.get(0)), toWeight((TFloat32) result.get(1)));
        }
    }

    public static WeightTensor toWeight(TFloat32 tensor) {
        float[] values = new float[Math.toIntExact(tensor.shape().size())];
        tensor.asRawTensor().data().asFloats().read(values);
        return new WeightTensor(tensor.shape().asArray(), values);
    }

    /** The single float of a scalar tensor. */
    public static float scalar(Tensor tensor) {
        return ((TFloat32) tensor).getFloat();
    }
}
