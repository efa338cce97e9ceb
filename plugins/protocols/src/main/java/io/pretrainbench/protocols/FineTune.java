package io.pretrainbench.protocols;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.FineTuningProtocol;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.nn.Adam;
import io.pretrainbench.nn.Initializers;
import io.pretrainbench.nn.Layers;
import io.pretrainbench.nn.Minibatches;
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
 * Full fine-tuning: every encoder weight and a softmax-linear head are trained together with AdamW, the encoder with
 * its own learning rate (pre-trained weights usually want a smaller one). The epoch with the best validation accuracy
 * is kept; the test split is only used for the final measurement. Applied to {@code scratch}, this is supervised
 * learning from scratch.
 */
public final class FineTune implements FineTuningProtocol {
  private static final int EVAL_BATCH = 256;

  @Override
  public PluginDescriptor descriptor() {
    return new PluginDescriptor("fine-tune", "1.0.0",
        "All weights trained (AdamW, separate encoder learning rate); early stopping on the validation hold-out.",
        SpiVersion.CURRENT, List.of(
            ParameterSpec.integer("epochs", 100, 1, 10_000, "maximum passes over the labelled training examples"),
            ParameterSpec.integer("batch_size", 32, 1, 4096, "examples per step"),
            ParameterSpec.real("learning_rate", 1e-3, 1e-7, 10.0, "AdamW learning rate of the head"),
            ParameterSpec.real("encoder_learning_rate", 5e-4, 0.0, 10.0, "AdamW learning rate of the encoder"),
            ParameterSpec.real("weight_decay", 0.05, 0.0, 10.0, "decoupled weight decay on kernels"),
            ParameterSpec.integer("patience", 20, 1, 10_000,
                "stop after this many epochs without a better validation accuracy")));
  }

  @Override
  public FineTuneResult fineTune(FineTuningContext context) {
    Parameters p = context.params();
    Encoder encoder = context.encoder();
    int k = context.numClasses();
    int d = encoder.featureDim();
    Minibatches batches = new Minibatches(context.train(), p.getInt("batch_size"), context.seed());
    int batch = batches.batchSize();
    int[] shape = context.train().shape();
    long[] inputShape = new long[shape.length + 1];
    inputShape[0] = -1;
    for (int i = 0; i < shape.length; i++) {
      inputShape[i + 1] = shape[i];
    }

    try (Graph graph = new Graph(); Session session = Sessions.open(graph, context.compute())) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(inputShape)));
      Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      EncoderGraph features = encoder.build(tf, x, EncoderMode.TRAINABLE);
      SplittableRandom random = new SplittableRandom(context.seed());
      Variable<TFloat32> kernel = tf.variable(Layers.constant(tf, Initializers.glorotUniform(random, d, k)));
      Variable<TFloat32> bias = tf.variable(Layers.constant(tf, Initializers.zeros(k)));
      Operand<TFloat32> logits = Layers.dense(tf, features.features(), kernel, bias);
      Operand<TFloat32> loss = Layers.softmaxCrossEntropy(tf, logits, y, k);
      double decay = p.getDouble("weight_decay");
      List<Variable<TFloat32>> encoderVariables = new ArrayList<>(features.variables().values());
      Adam encoderAdam = Adam.minimize(tf, loss, encoderVariables, Adam.kernels(features.variables()), decay);
      Adam headAdam = Adam.minimize(tf, loss, List.of(kernel, bias), List.of(kernel), decay);
      session.initialize();

      float encoderRate = (float) p.getDouble("encoder_learning_rate");
      float headRate = (float) p.getDouble("learning_rate");
      int epochs = p.getInt("epochs");
      int total = epochs * batches.stepsPerEpoch();
      int[] step = {0};
      Weights bestEncoder = null;
      LinearHead bestHead = null;
      double bestValidation = Double.NEGATIVE_INFINITY;
      int sinceBest = 0;
      for (int epoch = 0; epoch < epochs && sinceBest < p.getInt("patience"); epoch++) {
        batches.epoch((inputs, labels, rows) -> {
          inputShape[0] = batch;
          try (TFloat32 xIn = Sessions.floats(inputs, inputShape);
              TInt32 yIn = Sessions.ints(labels, batch);
              TFloat32 lrEncoder = TFloat32.scalarOf(encoderRate);
              TFloat32 lrHead = TFloat32.scalarOf(headRate);
              Result r = session.runner().feed(x, xIn).feed(y, yIn)
                  .feed(encoderAdam.learningRate(), lrEncoder).feed(headAdam.learningRate(), lrHead)
                  .addTarget(encoderAdam.update()).addTarget(headAdam.update()).fetch(loss).run()) {
            context.progress().step("finetune", ++step[0], total, Sessions.scalar(r.get(0)));
          }
        }, context.cancellation());
        double accuracy = context.validation().count() == 0 ? Double.NaN
            : accuracy(session, x, logits, context.validation(), inputShape);
        if (context.validation().count() == 0 || accuracy > bestValidation) {
          bestValidation = accuracy;
          bestEncoder = Sessions.read(session, features.variables());
          Weights head = Sessions.read(session, java.util.Map.of("kernel", kernel, "bias", bias));
          bestHead = new LinearHead(d, k, head.get("kernel").values(), head.get("bias").values());
          sinceBest = 0;
        } else {
          sinceBest++;
        }
      }
      Encoder tuned = encoder.withWeights(bestEncoder);
      FeatureMatrix train = EncoderFeatures.compute(tuned, context.train(), context.compute(), EVAL_BATCH);
      FeatureMatrix test = EncoderFeatures.compute(tuned, context.test(), context.compute(), EVAL_BATCH);
      LinearHead.Evaluation onTrain = bestHead.evaluate(train, context.train().labels());
      LinearHead.Evaluation onTest = bestHead.evaluate(test, context.test().labels());
      return new FineTuneResult(tuned, bestHead.toHead(), new Metrics(onTrain.accuracy(), onTest.accuracy(),
          onTrain.risk(), onTest.risk(), bestValidation));
    }
  }

  /** Accuracy of the current weights on {@code examples}, in batches through the training graph. */
  private static double accuracy(Session session, Placeholder<TFloat32> x, Operand<TFloat32> logits, Examples examples,
      long[] inputShape) {
    int correct = 0;
    int size = examples.exampleSize();
    for (int start = 0; start < examples.count(); start += EVAL_BATCH) {
      int rows = Math.min(EVAL_BATCH, examples.count() - start);
      float[] batch = new float[rows * size];
      for (int r = 0; r < rows; r++) {
        examples.copyRow(start + r, batch, r * size);
      }
      inputShape[0] = rows;
      try (TFloat32 in = Sessions.floats(batch, inputShape);
          Result result = session.runner().feed(x, in).fetch(logits).run()) {
        float[] z = Sessions.toWeight((TFloat32) result.get(0)).values();
        int classes = z.length / rows;
        for (int r = 0; r < rows; r++) {
          int argmax = 0;
          for (int c = 1; c < classes; c++) {
            if (z[r * classes + c] > z[r * classes + argmax]) {
              argmax = c;
            }
          }
          if (argmax == examples.label(start + r)) {
            correct++;
          }
        }
      }
    }
    return (double) correct / examples.count();
  }
}
