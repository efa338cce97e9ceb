package io.pretrainbench.protocols;

import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.Map;

/**
 * A softmax-linear head {@code logits = features · kernel + bias}, evaluated in Java: accuracy and mean cross-entropy
 * on a feature matrix. Cheap next to the encoder, and exact (double accumulation).
 */
record LinearHead(int inputs, int classes, float[] kernel, float[] bias) {
  /** Accuracy and mean cross-entropy (nats). */
  record Evaluation(double accuracy, double risk) {}

  Evaluation evaluate(FeatureMatrix features, int[] labels) {
    if (features.rows() == 0) {
      return new Evaluation(Double.NaN, Double.NaN);
    }
    float[] x = features.values();
    int correct = 0;
    double loss = 0;
    double[] logits = new double[classes];
    for (int i = 0; i < features.rows(); i++) {
      double max = Double.NEGATIVE_INFINITY;
      int argmax = 0;
      for (int k = 0; k < classes; k++) {
        double z = bias[k];
        for (int j = 0; j < inputs; j++) {
          z += (double) x[i * inputs + j] * kernel[j * classes + k];
        }
        logits[k] = z;
        if (z > max) {
          max = z;
          argmax = k;
        }
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        sum += Math.exp(logits[k] - max);
      }
      loss += Math.log(sum) + max - logits[labels[i]];
      if (argmax == labels[i]) {
        correct++;
      }
    }
    return new Evaluation((double) correct / features.rows(), loss / features.rows());
  }

  Head toHead() {
    return new Head(Head.LINEAR, new Weights(Map.of(
        "kernel", new WeightTensor(new long[] {inputs, classes}, kernel),
        "bias", new WeightTensor(new long[] {classes}, bias))));
  }
}
