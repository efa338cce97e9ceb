package io.pretrainbench.benchmarks;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.pretrainbench.nn.VitEncoder;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The MAE step of {@link MaeStepBenchmark} in PyTorch 2.7, driven from Java through DJL's PyTorch engine: the same
 * shapes and ops as {@code src/main/python/mae_step.py} (pre-norm blocks, masks drawn on the PyTorch side each step (a
 * random permutation per image), normalised-pixel targets, AdamW with weight decay on the kernels only). The one
 * difference: DJL's {@code gelu} is PyTorch's exact one, not the tanh approximation (the same matmuls and about as many
 * elementwise operations). Runs in DJL's offline mode with the native library from the class path (the {@code peers}
 * Maven profile, {@code bin/benchmark-vs-peers}), so it never downloads anything; without that profile it fails at
 * set-up.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx4g", "-Dai.djl.offline=true"})
public class MaeStepDjlBenchmark extends VitStepBenchmark {
    private NDManager manager;
    private Model model;
    private NDArray images;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        engine.setRandomSeed(0);
        manager = engine.newBaseManager();
        model = new Model(manager, DEFAULT_VIT, new Random(0));
        images = manager.create(randomImages(MaeStepBenchmark.BATCH), new Shape(MaeStepBenchmark.BATCH, 28, 28));
    }

    @Benchmark
    @OperationsPerInvocation(MaeStepBenchmark.BATCH)
    public float step() {
        float loss;
        try (NDManager scratch = manager.newSubManager();
                GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            // An op's result belongs to its first operand's manager: with the images and parameters attached to the
            // step's manager for its duration, every intermediate array of the step is freed when it closes.
            images.tempAttach(scratch);
            model.parameters().tempAttach(scratch);
            NDArray objective = model.loss(scratch, images);
            collector.backward(objective);
            loss = objective.getFloat();
        }
        model.update();
        return loss;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
    }

    /** The MAE's parameters and its loss as NDArray operations; gradients are recorded by the caller's collector. */
    static final class Model {
        private final VitEncoder.Config config;
        private final Map<String, NDArray> parameters = new LinkedHashMap<>();
        private final Set<String> kernels = new HashSet<>();
        private final NDArray positions;
        private final NDArray decoderPositions;
        /**
         * 1/√(head width) of the attention logits, one array for the model's lifetime. An operation with a Java number
         * ({@code div(double)}) wraps it in a temporary array over a direct buffer and closes it straight after the
         * forward op, but autograd keeps that operand for the backward pass: once the buffer was collected, the
         * backward pass read freed memory, and every gradient turned to NaN after a few dozen to a few hundred steps
         * (whenever a garbage collection fell between a step's forward and backward passes).
         */
        private final NDArray attentionScale;

        private final Optimizer decayed;
        private final Optimizer plain;

        Model(NDManager manager, VitEncoder.Config config, Random random) {
            this.config = config;
            int d = config.width();
            int dd = MaeStepBenchmark.DECODER_WIDTH;
            dense(manager, random, "embed", config.patchSize(), d);
            for (int i = 0; i < config.depth(); i++) {
                block(manager, random, "block" + i, d, config.mlpRatio());
            }
            norm(manager, "norm", d);
            dense(manager, random, "decoder_embed", d, dd);
            parameter(manager, random, "mask_token", new Shape(1, 1, dd));
            for (int i = 0; i < MaeStepBenchmark.DECODER_DEPTH; i++) {
                block(manager, random, "decoder_block" + i, dd, config.mlpRatio());
            }
            norm(manager, "decoder_norm", dd);
            dense(manager, random, "decoder_pred", dd, config.patchSize());
            // Sin-cos values do not change the cost of the step; a fixed random table of the same shape stands in.
            positions = manager.randomNormal(new Shape(1, config.tokens(), d));
            decoderPositions = manager.randomNormal(new Shape(1, config.tokens(), dd));
            if (d / config.heads() != dd / config.heads()) {
                throw new IllegalArgumentException("encoder and decoder heads must have one width");
            }
            attentionScale = manager.create((float) (1 / Math.sqrt((double) d / config.heads())));
            decayed = Optimizer.adamW()
                    .optLearningRateTracker(Tracker.fixed(MaeStepBenchmark.LEARNING_RATE))
                    .optWeightDecays((float) MaeStepBenchmark.WEIGHT_DECAY)
                    .build();
            plain = Optimizer.adamW()
                    .optLearningRateTracker(Tracker.fixed(MaeStepBenchmark.LEARNING_RATE))
                    .optWeightDecays(0f)
                    .build();
        }

        private void dense(NDManager manager, Random random, String name, int in, int out) {
            parameter(manager, random, name + "/kernel", new Shape(out, in));
            kernels.add(name + "/kernel");
            NDArray bias = manager.zeros(new Shape(out));
            bias.setRequiresGradient(true);
            parameters.put(name + "/bias", bias);
        }

        private void norm(NDManager manager, String name, int width) {
            NDArray gamma = manager.ones(new Shape(width));
            gamma.setRequiresGradient(true);
            parameters.put(name + "/gamma", gamma);
            NDArray beta = manager.zeros(new Shape(width));
            beta.setRequiresGradient(true);
            parameters.put(name + "/beta", beta);
        }

        private void block(NDManager manager, Random random, String name, int width, int mlpRatio) {
            norm(manager, name + "/ln1", width);
            for (String projection : new String[] {"q", "k", "v", "out"}) {
                dense(manager, random, name + "/" + projection, width, width);
            }
            norm(manager, name + "/ln2", width);
            dense(manager, random, name + "/fc1", width, width * mlpRatio);
            dense(manager, random, name + "/fc2", width * mlpRatio, width);
        }

        private void parameter(NDManager manager, Random random, String name, Shape shape) {
            float[] values = new float[(int) shape.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (0.02 * random.nextGaussian());
            }
            NDArray array = manager.create(values, shape);
            array.setRequiresGradient(true);
            parameters.put(name, array);
        }

        private NDArray linear(NDArray x, String name) {
            return Linear.linear(x, parameters.get(name + "/kernel"), parameters.get(name + "/bias"))
                    .singletonOrThrow();
        }

        private NDArray layerNorm(NDArray x, String name) {
            return LayerNorm.layerNorm(
                            x,
                            new Shape(x.getShape().tail()),
                            parameters.get(name + "/gamma"),
                            parameters.get(name + "/beta"),
                            1e-6f)
                    .singletonOrThrow();
        }

        private NDArray block(NDArray x, String name, int heads) {
            Shape shape = x.getShape();
            long b = shape.get(0);
            long t = shape.get(1);
            long d = shape.get(2);
            NDArray h = layerNorm(x, name + "/ln1");
            NDArray q = heads(linear(h, name + "/q"), heads);
            NDArray k = heads(linear(h, name + "/k"), heads);
            NDArray v = heads(linear(h, name + "/v"), heads);
            NDArray attention =
                    q.matMul(k.transpose(0, 1, 3, 2)).mul(attentionScale).softmax(-1);
            NDArray mixed = attention.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, d);
            x = x.add(linear(mixed, name + "/out"));
            NDArray hidden = Activation.gelu(linear(layerNorm(x, name + "/ln2"), name + "/fc1"));
            return x.add(linear(hidden, name + "/fc2"));
        }

        private static NDArray heads(NDArray y, int heads) {
            Shape shape = y.getShape();
            return y.reshape(shape.get(0), shape.get(1), heads, shape.get(2) / heads)
                    .transpose(0, 2, 1, 3);
        }

        NDList parameters() {
            return new NDList(parameters.values());
        }

        /** The masked-patch loss on normalised-pixel targets, as {@code MaeModel} computes it. */
        NDArray loss(NDManager scratch, NDArray images) {
            int batch = (int) images.getShape().get(0);
            int n = config.tokens();
            int grid = config.grid();
            int p = config.patch();
            int visible = MaeStepBenchmark.VISIBLE;
            int d = config.width();
            int dd = MaeStepBenchmark.DECODER_WIDTH;
            NDArray patches = images.reshape(batch, grid, p, grid, p)
                    .transpose(0, 1, 3, 2, 4)
                    .reshape(batch, n, config.patchSize());
            // Per image a random permutation of the patches; its first `visible` are kept, as in mae_step.py.
            NDArray order = scratch.randomUniform(0f, 1f, new Shape(batch, n)).argSort(1);
            NDArray rank = order.argSort(1);
            NDArray keep = order.get(":, :" + visible);
            NDArray mask = rank.gte(visible).toType(DataType.FLOAT32, false);
            NDArray tokens = linear(patches, "embed").add(positions);
            NDArray x = tokens.gather(keep.expandDims(2).broadcast(batch, visible, d), 1);
            for (int i = 0; i < config.depth(); i++) {
                x = block(x, "block" + i, config.heads());
            }
            x = linear(layerNorm(x, "norm"), "decoder_embed");
            NDArray maskTokens = parameters.get("mask_token").broadcast(batch, n - visible, dd);
            NDArray shuffled = NDArrays.concat(new NDList(x, maskTokens), 1);
            x = shuffled.gather(rank.expandDims(2).broadcast(batch, n, dd), 1).add(decoderPositions);
            for (int i = 0; i < MaeStepBenchmark.DECODER_DEPTH; i++) {
                x = block(x, "decoder_block" + i, config.heads());
            }
            NDArray predicted = linear(layerNorm(x, "decoder_norm"), "decoder_pred");
            NDArray mean = patches.mean(new int[] {-1}, true);
            NDArray centred = patches.sub(mean);
            NDArray variance = centred.square().mean(new int[] {-1}, true);
            NDArray target = centred.div(variance.add(1e-6f).sqrt());
            NDArray perPatch = predicted.sub(target).square().mean(new int[] {-1});
            return perPatch.mul(mask).sum().div(mask.sum());
        }

        /** One AdamW update of every parameter from its gradient. */
        void update() {
            for (Map.Entry<String, NDArray> parameter : parameters.entrySet()) {
                NDArray weight = parameter.getValue();
                Optimizer optimizer = kernels.contains(parameter.getKey()) ? decayed : plain;
                // DJL's Adam zeroes the gradient after the update (PyTorch would accumulate it); the wrapper is closed
                // each step (PyTorch keeps the storage).
                try (NDArray gradient = weight.getGradient()) {
                    optimizer.update(parameter.getKey(), weight, gradient);
                }
            }
        }
    }
}
