package io.pretrainbench.tck.selftest;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.tck.TckEncoder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Plugins with one deliberate defect each, built on the correct fixtures. All but {@link UnregisteredBound} are listed
 * in the test class path's {@code META-INF/services}, so each fails only the check aimed at its defect.
 */
public final class BrokenPlugins {
    private BrokenPlugins() {}

    /** Claims an SPI major version this host does not provide. */
    public static class FutureSpiCorpus extends SyntheticCorpus {
        @Override
        public PluginDescriptor descriptor() {
            PluginDescriptor d = super.descriptor();
            return new PluginDescriptor("tck-future", d.version(), d.summary(), "2.0", d.parameters());
        }
    }

    /** A data checksum that changes on every call (say, it hashes a timestamp). */
    public static class UnstableChecksumCorpus extends SyntheticCorpus {
        private final AtomicLong calls = new AtomicLong();

        @Override
        public String dataChecksum(DataContext context) {
            return super.dataChecksum(context) + ";call=" + calls.incrementAndGet();
        }
    }

    /** A name that breaks the naming rule: the descriptor cannot even be built. */
    public static class BadNameTask extends SyntheticTask {
        @Override
        public PluginDescriptor descriptor() {
            PluginDescriptor d = super.descriptor();
            return new PluginDescriptor("Synthetic_Task", d.version(), d.summary(), d.spiVersion(), d.parameters());
        }
    }

    /** Names one class fewer than its labels use. */
    public static class MislabelledTask extends SyntheticTask {
        @Override
        protected List<String> classNames(int classes) {
            return super.classNames(classes - 1);
        }
    }

    /** Seeds itself from the clock instead of the context. */
    public static class ClockSeededMethod extends ProjectionMethod {
        @Override
        protected long seedOf(PretrainingContext context) {
            return System.nanoTime();
        }
    }

    /** Restores weights rounded to 16-bit precision (as a careless half-precision cache would). */
    public static class LossyRestoreMethod extends ProjectionMethod {
        @Override
        public Encoder restore(EncoderState state) {
            Map<String, WeightTensor> rounded = new TreeMap<>();
            state.weights().tensors().forEach((name, t) -> {
                float[] v = t.values();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Float.intBitsToFloat(Float.floatToIntBits(v[i]) & 0xffff0000);
                }
                rounded.put(name, new WeightTensor(t.shape(), v));
            });
            return TckEncoder.restore(new EncoderState(state.architecture(), state.config(), new Weights(rounded)));
        }
    }

    /** Trains without ever looking at its cancellation. */
    public static class CancellationIgnoringMethod extends ProjectionMethod {
        @Override
        public Encoder pretrain(PretrainingContext c) {
            return super.pretrain(PretrainingContext.builder()
                    .corpus(c.corpus())
                    .params(c.params())
                    .seed(c.seed())
                    .compute(c.compute())
                    .progress(c.progress())
                    .build());
        }
    }

    /** Its encoder's graph outputs one column more than {@code featureDim()} says. */
    public static class MisreportedWidthMethod extends ProjectionMethod {
        @Override
        public Encoder pretrain(PretrainingContext context) {
            return new MisreportedWidth(super.pretrain(context));
        }

        @Override
        public Encoder restore(EncoderState state) {
            return new MisreportedWidth(super.restore(state));
        }

        private record MisreportedWidth(Encoder actual) implements Encoder {
            @Override
            public int[] inputShape() {
                return actual.inputShape();
            }

            @Override
            public int featureDim() {
                return actual.featureDim() - 1;
            }

            @Override
            public EncoderState state() {
                return actual.state();
            }

            @Override
            public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
                return actual.build(tf, input, mode);
            }

            @Override
            public Encoder withWeights(Weights weights) {
                return new MisreportedWidth(actual.withWeights(weights));
            }
        }
    }

    /** Returns its linear head's kernel as [numClasses, featureDim] instead of [featureDim, numClasses]. */
    public static class TransposedHeadProtocol extends NearestMeanProtocol {
        @Override
        public FineTuneResult fineTune(FineTuningContext context) {
            FineTuneResult r = super.fineTune(context);
            WeightTensor kernel = r.head().weights().get("kernel");
            long[] shape = kernel.shape();
            Head transposed = new Head(
                    Head.LINEAR,
                    new Weights(Map.of(
                            "kernel",
                            new WeightTensor(new long[] {shape[1], shape[0]}, kernel.values()),
                            "bias",
                            r.head().weights().get("bias"))));
            return new FineTuneResult(r.encoder(), transposed, r.metrics());
        }
    }

    /** Draws its Monte Carlo signs without the context's seed. */
    public static class UnseededBound extends NormBound {
        @Override
        protected Random random(long seed) {
            return new Random();
        }
    }

    /** Correct, but missing from {@code META-INF/services}: the host would never find it. */
    public static class UnregisteredBound extends NormBound {}
}
