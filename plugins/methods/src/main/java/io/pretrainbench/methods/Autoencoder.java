package io.pretrainbench.methods;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.nn.AnnotatedEncoder;
import io.pretrainbench.nn.Architecture;
import io.pretrainbench.nn.GraphTrainer;
import io.pretrainbench.nn.HeldoutLoss;
import io.pretrainbench.nn.Initializers;
import io.pretrainbench.nn.Layers;
import io.pretrainbench.nn.Minibatches;
import io.pretrainbench.nn.MlpEncoder;
import io.pretrainbench.nn.TrainingLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A (denoising) autoencoder: the MLP encoder plus a mirrored decoder with a sigmoid output, trained with Adam to
 * reconstruct the clean pixels from inputs corrupted by Gaussian noise of standard deviation {@code noise} (0 = plain
 * autoencoder). Loss: mean squared error per pixel. Only the encoder is kept.
 */
public final class Autoencoder implements PretrainingMethod {
    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "autoencoder",
                "1.0.0",
                "(Denoising) autoencoder: MLP encoder + mirrored decoder trained to reconstruct pixels (MSE, Adam).",
                SpiVersion.CURRENT,
                PretrainingInputs.withInputs(PretrainingCheckpoint.withCheckpoints(List.of(
                        MlpArchitecture.HIDDEN,
                        ParameterSpec.integer("epochs", 3, 1, 1000, "passes over the corpus"),
                        ParameterSpec.integer("batch_size", 128, 1, 4096, "examples per optimisation step"),
                        ParameterSpec.real("learning_rate", 1e-3, 1e-6, 1.0, "Adam learning rate"),
                        ParameterSpec.real(
                                "noise",
                                0.0,
                                0.0,
                                1.0,
                                "std of Gaussian input noise (denoising); 0 = plain autoencoder"),
                        ParameterSpec.integer(
                                "max_examples", 10_000, 1, 1_000_000, "use at most this many corpus examples")))));
    }

    @Override
    public Encoder pretrain(PretrainingContext context) {
        Parameters p = context.params();
        PretrainingCheckpoint.Split split = PretrainingCheckpoint.split(context.corpus(), p);
        Examples corpus = split.training();
        List<Integer> hidden = Architecture.parseHidden("hidden", p.getString("hidden"));
        MlpEncoder initial = MlpEncoder.initialise(corpus.shape(), hidden, context.seed())
                .withNormalisation(PretrainingInputs.normalisation(p, corpus));
        Weights decoderInit = decoder(initial, GraphTrainer.decoderRandom(context.seed()));
        int size = corpus.exampleSize();
        double noise = p.getDouble("noise");
        Minibatches batches = new Minibatches(
                corpus,
                p.getInt("batch_size"),
                context.seed(),
                PretrainingInputs.augmentation(p, corpus.shape(), context.seed()));
        TrainingLoop loop = TrainingLoop.pretraining(batches, p.getInt("epochs"), context);
        int batch = batches.batchSize();
        long[] inputShape = new long[corpus.shape().length + 1];
        inputShape[0] = batch;
        for (int i = 0; i < corpus.shape().length; i++) {
            inputShape[i + 1] = corpus.shape()[i];
        }

        try (GraphTrainer trainer = new GraphTrainer(context.compute())) {
            Ops tf = trainer.tf();
            Placeholder<TFloat32> input = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(inputShape)));
            Placeholder<TFloat32> target = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, size)));
            EncoderGraph encoder = initial.build(tf, input, EncoderMode.TRAINABLE);
            Map<String, Variable<TFloat32>> decoderVariables = new LinkedHashMap<>();
            Operand<TFloat32> x = encoder.features();
            int layers = decoderInit.tensors().size() / 2;
            for (int i = 0; i < layers; i++) {
                x = Layers.dense(
                        tf,
                        x,
                        Layers.weight(
                                tf, decoderInit, "decoder" + i + "/kernel", EncoderMode.TRAINABLE, decoderVariables),
                        Layers.weight(
                                tf, decoderInit, "decoder" + i + "/bias", EncoderMode.TRAINABLE, decoderVariables));
                // Sigmoid output: pixels lie in [0, 1], so the reconstruction does too.
                x = i < layers - 1 ? tf.nn.relu(x) : tf.math.sigmoid(x);
            }
            Operand<TFloat32> loss = tf.math.mean(tf.math.squaredDifference(x, target), tf.constant(new int[] {0, 1}));
            List<Variable<TFloat32>> variables =
                    new ArrayList<>(encoder.variables().values());
            variables.addAll(decoderVariables.values());
            trainer.minimize(loss, variables);
            float learningRate = (float) p.getDouble("learning_rate");

            // Noise has a stream of its own, so that switching it on does not change the shuffling.
            Random noiseRandom = new Random(context.seed() + 1);
            float[] noisy = new float[batch * size];
            PretrainingCheckpoint.run(loop, p, (inputs, labels, rows, step) -> {
                corrupt(inputs, noisy, noise, noiseRandom);
                return trainer.step()
                        .floats(input, noisy, inputShape)
                        .floats(target, inputs, batch, size)
                        .run(learningRate);
            });
            Encoder trained = initial.withWeights(trainer.read(encoder.variables()));
            return PretrainingCheckpoint.record(trained, split, heldout -> {
                Random evaluationNoise = new Random(HeldoutLoss.EVALUATION_SEED);
                return HeldoutLoss.mean(heldout, batch, context.cancellation(), (inputs, rows) -> {
                    corrupt(inputs, noisy, noise, evaluationNoise);
                    return trainer.step()
                            .floats(input, noisy, inputShape)
                            .floats(target, inputs, batch, size)
                            .evaluate();
                });
            });
        }
    }

    /** {@code inputs} plus Gaussian noise of standard deviation {@code noise} (none at 0), into {@code noisy}. */
    private static void corrupt(float[] inputs, float[] noisy, double noise, Random random) {
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = noise == 0 ? inputs[i] : (float) (inputs[i] + noise * random.nextGaussian());
        }
    }

    /** Decoder weights mirroring the encoder: widths reversed, then back to the input size. */
    private static Weights decoder(MlpEncoder encoder, SplittableRandom random) {
        List<Integer> widths = new ArrayList<>(encoder.hidden());
        java.util.Collections.reverse(widths);
        widths.add(Math.toIntExact(encoder.inputSize()));
        Map<String, WeightTensor> w = new LinkedHashMap<>();
        for (int i = 0; i + 1 < widths.size(); i++) {
            boolean last = i + 2 == widths.size();
            w.put(
                    "decoder" + i + "/kernel",
                    last
                            ? Initializers.glorotUniform(random, widths.get(i), widths.get(i + 1))
                            : Initializers.heUniform(random, widths.get(i), widths.get(i + 1)));
            w.put("decoder" + i + "/bias", Initializers.zeros(widths.get(i + 1)));
        }
        return new Weights(w);
    }

    @Override
    public void checkInput(Parameters params, int[] exampleShape) {
        PretrainingCheckpoint.check(params);
    }

    @Override
    public Encoder restore(EncoderState state) {
        return AnnotatedEncoder.restore(state, MlpEncoder::fromState);
    }
}
