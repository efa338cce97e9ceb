package io.pretrainbench.protocols;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.FineTuningProtocol;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.nn.Adam;
import io.pretrainbench.nn.Initializers;
import io.pretrainbench.nn.Layers;
import io.pretrainbench.nn.Minibatches;
import io.pretrainbench.nn.Sessions;
import io.pretrainbench.nn.TrainingLoop;
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
 * Linear probe: the encoder stays frozen (inference mode) and a softmax-linear head is trained on its features with
 * Adam and L2 weight decay. Features are standardised with the training sample's mean and deviation — the
 * parameter-free normalisation MAE's linear probe uses — and the standardisation is folded back into the head, so the
 * returned head acts on raw features (what bound estimators see). The epoch with the best validation accuracy is kept
 * (early stopping with {@code patience}); the test split is only used for the final measurement.
 */
public final class LinearProbe implements FineTuningProtocol {
    private static final int FEATURE_BATCH = 256;

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "linear-probe",
                "1.0.0",
                "Frozen encoder, softmax-linear head trained with Adam; early stopping on the validation hold-out.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.integer(
                                "epochs", 100, 1, 10_000, "maximum passes over the labelled training examples"),
                        ParameterSpec.integer("batch_size", 64, 1, 4096, "examples per step"),
                        ParameterSpec.real("learning_rate", 1e-2, 1e-6, 10.0, "Adam learning rate"),
                        ParameterSpec.real("weight_decay", 1e-4, 0.0, 10.0, "L2 penalty on the head's kernel"),
                        ParameterSpec.integer(
                                "patience",
                                10,
                                1,
                                10_000,
                                "stop after this many epochs without a better validation accuracy")));
    }

    @Override
    public FineTuneResult fineTune(FineTuningContext context) {
        Parameters p = context.params();
        FeatureMatrix train =
                EncoderFeatures.compute(context.encoder(), context.train(), context.compute(), FEATURE_BATCH);
        FeatureMatrix validation =
                EncoderFeatures.compute(context.encoder(), context.validation(), context.compute(), FEATURE_BATCH);
        FeatureMatrix test =
                EncoderFeatures.compute(context.encoder(), context.test(), context.compute(), FEATURE_BATCH);
        int[] trainLabels = context.train().labels();
        int[] validationLabels = context.validation().labels();
        int d = train.columns();
        int k = context.numClasses();
        Standardisation scale = Standardisation.of(train);
        Examples standardised = Examples.labelled(scale.apply(train), trainLabels, d);

        Minibatches batches = new Minibatches(standardised, p.getInt("batch_size"), context.seed());
        int batch = batches.batchSize();
        SplittableRandom random = new SplittableRandom(context.seed());
        try (Graph graph = new Graph();
                Session session = Sessions.open(graph, context.compute())) {
            Ops tf = Sessions.ops(graph, context.compute());
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, d)));
            Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(batch)));
            Variable<TFloat32> kernel = tf.variable(Layers.constant(tf, Initializers.glorotUniform(random, d, k)));
            Variable<TFloat32> bias = tf.variable(Layers.constant(tf, Initializers.zeros(k)));
            Operand<TFloat32> logits = Layers.dense(tf, x, kernel, bias);
            Operand<TFloat32> crossEntropy = Layers.softmaxCrossEntropy(tf, logits, y, k);
            Operand<TFloat32> loss = tf.math.add(
                    crossEntropy, tf.math.mul(tf.constant((float) p.getDouble("weight_decay")), tf.nn.l2Loss(kernel)));
            Adam adam = Adam.minimize(tf, loss, List.of(kernel, bias));
            session.initialize();

            float learningRate = (float) p.getDouble("learning_rate");
            int patience = p.getInt("patience");
            TrainingLoop loop = new TrainingLoop(
                    batches, p.getInt("epochs"), "finetune", context.progress(), context.cancellation());
            LinearHead best = null;
            double bestValidation = Double.NEGATIVE_INFINITY;
            int sinceBest = 0;
            for (int epoch = 0; epoch < loop.epochs() && sinceBest < patience; epoch++) {
                loop.epoch((inputs, labels, rows, step) -> {
                    try (TFloat32 xIn = Sessions.floats(inputs, batch, d);
                            TInt32 yIn = Sessions.ints(labels, batch);
                            TFloat32 rate = TFloat32.scalarOf(learningRate);
                            Result r = session.runner()
                                    .feed(x, xIn)
                                    .feed(y, yIn)
                                    .feed(adam.learningRate(), rate)
                                    .addTarget(adam.update())
                                    .fetch(loss)
                                    .run()) {
                        return Sessions.scalar(r.get(0));
                    }
                });
                LinearHead head = scale.fold(Sessions.readLinearHead(session, kernel, bias));
                if (validation.rows() == 0) {
                    best = head; // nothing to select on: the last epoch
                    continue;
                }
                double accuracy =
                        HeadEvaluation.of(head, validation, validationLabels).accuracy();
                if (accuracy > bestValidation) {
                    bestValidation = accuracy;
                    best = head;
                    sinceBest = 0;
                } else {
                    sinceBest++;
                }
            }
            HeadEvaluation onTrain = HeadEvaluation.of(best, train, trainLabels);
            HeadEvaluation onTest = HeadEvaluation.of(best, test, context.test().labels());
            double validationAccuracy = validation.rows() == 0 ? Double.NaN : bestValidation;
            return new FineTuneResult(
                    context.encoder(),
                    best.toHead(),
                    new Metrics(
                            onTrain.accuracy(), onTest.accuracy(), onTrain.risk(), onTest.risk(), validationAccuracy));
        }
    }

    /** Per-feature standardisation z = (x − μ)/σ learned on the training features. */
    private record Standardisation(float[] mean, float[] std) {
        static Standardisation of(FeatureMatrix f) {
            int d = f.columns();
            double[] sum = new double[d];
            double[] squares = new double[d];
            float[] v = f.values();
            for (int i = 0; i < f.rows(); i++) {
                for (int j = 0; j < d; j++) {
                    sum[j] += v[i * d + j];
                    squares[j] += (double) v[i * d + j] * v[i * d + j];
                }
            }
            float[] mean = new float[d];
            float[] std = new float[d];
            for (int j = 0; j < d; j++) {
                double m = sum[j] / f.rows();
                mean[j] = (float) m;
                // Dead (constant) features get σ = 1: they carry no information and must not blow up.
                double var = squares[j] / f.rows() - m * m;
                std[j] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
            }
            return new Standardisation(mean, std);
        }

        float[] apply(FeatureMatrix f) {
            float[] v = f.values();
            int d = f.columns();
            for (int i = 0; i < v.length; i++) {
                v[i] = (v[i] - mean[i % d]) / std[i % d];
            }
            return v;
        }

        /** The head on standardised features, rewritten to act on raw ones: W' = W/σ, b' = b − Σ_j μ_j W_j/σ_j. */
        LinearHead fold(LinearHead h) {
            int d = h.featureDim();
            int k = h.numClasses();
            float[] standardised = h.kernel().values();
            float[] kernel = new float[standardised.length];
            float[] bias = h.bias().values();
            for (int j = 0; j < d; j++) {
                for (int c = 0; c < k; c++) {
                    kernel[j * k + c] = standardised[j * k + c] / std[j];
                    bias[c] -= mean[j] * kernel[j * k + c];
                }
            }
            return LinearHead.of(d, k, kernel, bias);
        }
    }
}
