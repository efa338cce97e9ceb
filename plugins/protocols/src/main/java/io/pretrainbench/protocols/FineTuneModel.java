package io.pretrainbench.protocols;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.nn.Adam;
import io.pretrainbench.nn.GradientDescent;
import io.pretrainbench.nn.Initializers;
import io.pretrainbench.nn.Layers;
import io.pretrainbench.nn.Optimizer;
import io.pretrainbench.nn.Sessions;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * An encoder with a softmax-linear head as one trainable graph: AdamW (or plain gradient descent) on the encoder and on
 * the head, each with its own learning rate. Built once; {@link #step} per minibatch. Apart from {@link FineTune}'s
 * loop so that benchmarks can time one step.
 */
public final class FineTuneModel implements AutoCloseable {
    private static final int EVAL_BATCH = 256;

    private final int classes;
    private final int featureDim;
    private final long[] inputShape;
    private final Graph graph;
    private final Session session;
    private final Placeholder<TFloat32> x;
    private final Placeholder<TInt32> y;
    private final Operand<TFloat32> logits;
    private final Operand<TFloat32> loss;
    private final EncoderGraph features;
    private final Variable<TFloat32> kernel;
    private final Variable<TFloat32> bias;
    private final Optimizer encoderOptimizer;
    private final Optimizer headOptimizer;

    /** The optimisers {@link FineTune}'s {@code optimizer} parameter names. */
    public enum Update {
        /** AdamW: Adam with decoupled weight decay. */
        ADAMW,
        /**
         * Plain minibatch gradient descent, no momentum; weight decay as an L2 term (the same for gradient descent).
         */
        SGD
    }

    /** AdamW on both parts. */
    public FineTuneModel(Encoder encoder, int classes, double weightDecay, long seed, Compute compute) {
        this(encoder, classes, Update.ADAMW, weightDecay, seed, compute);
    }

    public FineTuneModel(Encoder encoder, int classes, Update update, double weightDecay, long seed, Compute compute) {
        this.classes = classes;
        this.featureDim = encoder.featureDim();
        int[] shape = encoder.inputShape();
        inputShape = new long[shape.length + 1];
        for (int i = 0; i < shape.length; i++) {
            inputShape[i + 1] = shape[i];
        }
        graph = new Graph();
        Ops tf = Sessions.ops(graph, compute);
        x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(withBatch(-1))));
        y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
        features = encoder.build(tf, x, EncoderMode.TRAINABLE);
        SplittableRandom random = new SplittableRandom(seed);
        kernel = tf.variable(Layers.constant(tf, Initializers.glorotUniform(random, featureDim, classes)));
        bias = tf.variable(Layers.constant(tf, Initializers.zeros(classes)));
        logits = Layers.dense(tf, features.features(), kernel, bias);
        loss = Layers.softmaxCrossEntropy(tf, logits, y, classes);
        List<Variable<TFloat32>> encoderVariables =
                new ArrayList<>(features.variables().values());
        List<Variable<TFloat32>> encoderKernels = Adam.kernels(features.variables());
        if (update == Update.SGD) {
            List<Variable<TFloat32>> decayed = new ArrayList<>(encoderKernels);
            decayed.add(kernel);
            // one backward pass for both parts: their updates must not overtake each other's reads of the weights
            List<GradientDescent> both = GradientDescent.minimizeGroups(
                    tf, loss, List.of(encoderVariables, List.of(kernel, bias)), decayed, weightDecay);
            encoderOptimizer = both.get(0);
            headOptimizer = both.get(1);
        } else {
            Adam encoderAdam = Adam.minimize(tf, loss, encoderVariables, encoderKernels, weightDecay);
            encoderOptimizer = encoderAdam;
            // the encoder's backward pass reads the head's kernel: the head's update waits for it
            headOptimizer = Adam.minimize(
                    tf, loss, List.of(kernel, bias), List.of(kernel), weightDecay, encoderAdam.computed());
        }
        session = Sessions.open(graph, compute);
        session.initialize();
    }

    private long[] withBatch(long batch) {
        long[] s = inputShape.clone();
        s[0] = batch;
        return s;
    }

    /** One optimisation step on {@code rows} examples; returns the loss before the update. */
    public float step(float[] inputs, int[] labels, int rows, float encoderRate, float headRate) {
        try (TFloat32 xIn = Sessions.floats(inputs, withBatch(rows));
                TInt32 yIn = Sessions.ints(labels, rows);
                TFloat32 lrEncoder = TFloat32.scalarOf(encoderRate);
                TFloat32 lrHead = TFloat32.scalarOf(headRate);
                Result r = session.runner()
                        .feed(x, xIn)
                        .feed(y, yIn)
                        .feed(encoderOptimizer.learningRate(), lrEncoder)
                        .feed(headOptimizer.learningRate(), lrHead)
                        .addTarget(encoderOptimizer.update())
                        .addTarget(headOptimizer.update())
                        .fetch(loss)
                        .run()) {
            return Sessions.scalar(r.get(0));
        }
    }

    /** Accuracy of the current weights on {@code examples}, in batches. */
    public double accuracy(Examples examples) {
        int correct = 0;
        int size = examples.exampleSize();
        for (int start = 0; start < examples.count(); start += EVAL_BATCH) {
            int rows = Math.min(EVAL_BATCH, examples.count() - start);
            float[] batch = new float[rows * size];
            for (int r = 0; r < rows; r++) {
                examples.copyRow(start + r, batch, r * size);
            }
            try (TFloat32 in = Sessions.floats(batch, withBatch(rows));
                    Result result = session.runner().feed(x, in).fetch(logits).run()) {
                float[] z = Sessions.toWeight((TFloat32) result.get(0)).values();
                for (int r = 0; r < rows; r++) {
                    int argmax = 0;
                    for (int c = 1; c < classes; c++) {
                        if (z[r * classes + c] > z[r * classes + argmax]) {
                            argmax = c;
                        }
                    }
                    correct += argmax == examples.label(start + r) ? 1 : 0;
                }
            }
        }
        return (double) correct / examples.count();
    }

    /** The encoder's current weights, named as in its state. */
    public Weights encoderWeights() {
        return Sessions.read(session, features.variables());
    }

    LinearHead head() {
        return Sessions.readLinearHead(session, kernel, bias);
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
