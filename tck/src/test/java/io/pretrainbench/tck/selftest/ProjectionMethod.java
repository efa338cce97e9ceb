package io.pretrainbench.tck.selftest;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.tck.TckEncoder;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A correct method that really trains, a little: a seeded random projection whose columns are rescaled, one minibatch
 * per step, so that each feature's mean activation on the corpus moves towards 1. Small enough to read in a minute, and
 * it exercises every hook of the contract: seed, progress, cancellation, state and restore.
 */
public class ProjectionMethod implements PretrainingMethod {
    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "tck-projection",
                "1.0.0",
                "Random projection rescaled to unit mean activation.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.integer("features", 8, 1, 64, "width of the representation"),
                        ParameterSpec.integer("steps", 3, 1, 100, "rescaling steps, one minibatch each"),
                        ParameterSpec.integer("batch", 32, 1, 1024, "images per minibatch")));
    }

    @Override
    public Encoder pretrain(PretrainingContext context) {
        int features = context.params().getInt("features");
        Examples corpus = context.corpus();
        Encoder encoder = TckEncoder.random(corpus.shape(), features, seedOf(context));
        float[] w = encoder.state().weights().get("w").values();
        int in = corpus.exampleSize();
        int batch = Math.min(context.params().getInt("batch"), corpus.count());
        int steps = context.params().getInt("steps");
        Random random = new Random(seedOf(context) + 1);
        float[] row = new float[in];
        for (int step = 1; step <= steps; step++) {
            context.cancellation().checkpoint();
            double[] mean = new double[features];
            for (int b = 0; b < batch; b++) {
                corpus.copyRow(random.nextInt(corpus.count()), row, 0);
                for (int f = 0; f < features; f++) {
                    double z = 0;
                    for (int i = 0; i < in; i++) {
                        z += row[i] * w[i * features + f];
                    }
                    mean[f] += Math.max(0, z) / batch;
                }
            }
            double loss = 0;
            for (int f = 0; f < features; f++) {
                loss += (mean[f] - 1) * (mean[f] - 1) / features;
                float scale = mean[f] > 0 ? (float) (1 / mean[f]) : 1f;
                for (int i = 0; i < in; i++) {
                    w[i * features + f] *= scale;
                }
            }
            context.progress().step("pretrain", step, steps, loss);
        }
        return encoder.withWeights(new Weights(Map.of("w", new WeightTensor(new long[] {in, features}, w))));
    }

    /** Where the seed comes from; the broken variant that ignores it overrides this. */
    protected long seedOf(PretrainingContext context) {
        return context.seed();
    }

    @Override
    public Encoder restore(EncoderState state) {
        return TckEncoder.restore(state);
    }
}
