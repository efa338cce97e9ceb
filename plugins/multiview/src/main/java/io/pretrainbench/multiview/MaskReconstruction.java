package io.pretrainbench.multiview;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.nn.GraphTrainer;
import io.pretrainbench.nn.Initializers;
import io.pretrainbench.nn.Layers;
import io.pretrainbench.nn.Minibatches;
import io.pretrainbench.nn.TrainingLoop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Mask-reconstruction pre-training (MRP) of the {@link PatchConvEncoder} with a one-layer linear decoder, as analysed
 * by Pan, Zhou &amp; Yan (ICLR 2023, arXiv 2206.03826, Sec. 4): each step masks a {@code mask_ratio} share of every
 * sample's patches (ε_p = 0 on masked patches), encodes the visible patches, H(ε ⊙ X) ∈ ℝ^C, and the decoder D ∈
 * ℝ^{C×d} reconstructs the masked patches from that code:
 *
 * <pre>  L(W, D) = E_X ½‖ H(ε ⊙ X)·D − Σ_{p masked} x_p ‖²   (Adam on W and D).</pre>
 *
 * The encoder pools over patches (a sum), so its code carries no patch positions and the decoder reconstructs the
 * masked patches' sum, the part of them a position-free code can predict. This is the pixel-target (MAE) form. As far
 * as we recall the paper (its body was not reachable here, only the abstract: "an auto-encoder of a two/one-layered
 * convolution encoder/decoder", "reconstruct the pixels or semantic features of these masked patches"), its analysis
 * uses a teacher's features of the unmasked input as the target (data2vec-style); not implemented. In both forms a
 * masked feature can be predicted only by a kernel that detects the visible co-occurring feature of its class, so the
 * loss rewards kernels for every discriminative feature. Only the encoder is kept; it starts from the same kernels
 * {@code multiview-scratch} draws for the same seed.
 */
public final class MaskReconstruction implements PretrainingMethod {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "multiview-mrp",
            "1.0.0",
            "Mask-reconstruction pre-training of the multi-view conv encoder with a one-layer linear decoder (Pan"
                    + " et al. 2023).",
            SpiVersion.CURRENT,
            parameters());

    private static List<ParameterSpec> parameters() {
        List<ParameterSpec> p = new ArrayList<>(PatchConvEncoder.PARAMETERS);
        p.add(ParameterSpec.real("mask_ratio", 0.5, 0.01, 0.99, "share of each sample's patches masked per step"));
        p.add(ParameterSpec.integer("epochs", 20, 1, 10_000, "passes over the corpus"));
        p.add(ParameterSpec.integer("batch_size", 64, 1, 4096, "samples per step"));
        p.add(ParameterSpec.real("learning_rate", 1e-3, 1e-6, 1.0, "Adam learning rate"));
        p.add(ParameterSpec.integer("max_examples", 100_000, 1, 1_000_000, "use at most this many corpus samples"));
        return p;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Encoder pretrain(PretrainingContext context) {
        Parameters p = context.params();
        Examples corpus = context.corpus().first(p.getInt("max_examples"));
        PatchConvEncoder initial = PatchConvEncoder.initialise(corpus.shape(), p, context.seed());
        int patches = corpus.shape()[0];
        int d = corpus.shape()[1];
        int masked = Math.max(1, Math.min(patches - 1, (int) Math.round(p.getDouble("mask_ratio") * patches)));
        Minibatches batches = new Minibatches(corpus, p.getInt("batch_size"), context.seed());
        TrainingLoop loop = TrainingLoop.pretraining(batches, p.getInt("epochs"), context);
        int batch = batches.batchSize();
        try (GraphTrainer trainer = new GraphTrainer(context.compute())) {
            Ops tf = trainer.tf();
            Placeholder<TFloat32> visible =
                    tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, patches, d)));
            Placeholder<TFloat32> target = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, d)));
            EncoderGraph encoder = initial.build(tf, visible, EncoderMode.TRAINABLE);
            Map<String, Variable<TFloat32>> decoderVariables = new TreeMap<>();
            Weights decoderInit = new Weights(Map.of(
                    "decoder/kernel",
                    Initializers.glorotUniform(GraphTrainer.decoderRandom(context.seed()), initial.kernels(), d)));
            Operand<TFloat32> reconstruction = tf.linalg.matMul(
                    encoder.features(),
                    Layers.weight(tf, decoderInit, "decoder/kernel", EncoderMode.TRAINABLE, decoderVariables));
            Operand<TFloat32> squared = tf.math.squaredDifference(reconstruction, target);
            Operand<TFloat32> loss =
                    tf.math.mul(tf.constant(0.5f), tf.math.mean(tf.sum(squared, tf.constant(1)), tf.constant(0)));
            List<Variable<TFloat32>> variables =
                    new ArrayList<>(encoder.variables().values());
            variables.addAll(decoderVariables.values());
            trainer.minimize(loss, variables);
            float learningRate = (float) p.getDouble("learning_rate");

            // Masks have a random stream of their own, apart from the shuffling.
            SplittableRandom maskRandom = new SplittableRandom(context.seed() + 1);
            float[] input = new float[batch * patches * d];
            float[] sums = new float[batch * d];
            int[] order = new int[patches];
            loop.run((inputs, labels, rows, step) -> {
                System.arraycopy(inputs, 0, input, 0, input.length);
                java.util.Arrays.fill(sums, 0);
                for (int r = 0; r < rows; r++) {
                    for (int q = 0; q < patches; q++) {
                        order[q] = q;
                    }
                    for (int m = 0;
                            m < masked;
                            m++) { // partial Fisher–Yates: the first `masked` entries are a uniform subset
                        int j = m + maskRandom.nextInt(patches - m);
                        int t = order[m];
                        order[m] = order[j];
                        order[j] = t;
                        int base = (r * patches + order[m]) * d;
                        for (int u = 0; u < d; u++) {
                            sums[r * d + u] += input[base + u];
                            input[base + u] = 0;
                        }
                    }
                }
                return trainer.step()
                        .floats(visible, input, batch, patches, d)
                        .floats(target, sums, batch, d)
                        .run(learningRate);
            });
            return initial.withWeights(trainer.read(encoder.variables()));
        }
    }

    @Override
    public Encoder restore(EncoderState state) {
        return PatchConvEncoder.fromState(state);
    }
}
