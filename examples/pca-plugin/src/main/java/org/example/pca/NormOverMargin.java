package org.example.pca;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A third-party bound estimator: the Frobenius norm of the linear head times the root-mean-square feature norm, over
 * the median training margin and √n — the norm-over-margin measure of the generalization-measures literature (Jiang
 * et al., "Fantastic Generalization Measures", 2020, the "fro/margin" family), a complexity score expected to rise with
 * the generalization gap.
 */
public final class NormOverMargin implements BoundEstimator {
  @Override
  public PluginDescriptor descriptor() {
    return new PluginDescriptor("norm-over-margin", "1.0.0",
        "Frobenius norm of the head x RMS feature norm / (median margin x sqrt(n)).", SpiVersion.CURRENT, List.of());
  }

  @Override
  public BoundEstimate estimate(EstimationContext context) {
    Head head = context.head();
    if (!Head.LINEAR.equals(head.architecture())) {
      throw new IllegalArgumentException("norm-over-margin needs a linear head, got '" + head.architecture() + "'");
    }
    float[] kernel = head.weights().get("kernel").values();
    float[] bias = head.weights().get("bias").values();
    FeatureMatrix x = context.trainFeatures();
    int n = x.rows();
    int k = context.numClasses();
    int[] labels = context.train().labels();
    double frobenius = Math.sqrt(sumOfSquares(kernel));
    double squares = 0;
    double[] margins = new double[n];
    for (int i = 0; i < n; i++) {
      double own = 0;
      double other = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        double z = bias[c];
        for (int j = 0; j < x.columns(); j++) {
          z += (double) x.get(i, j) * kernel[j * k + c];
        }
        if (c == labels[i]) {
          own = z;
        } else {
          other = Math.max(other, z);
        }
      }
      margins[i] = own - other;
      for (int j = 0; j < x.columns(); j++) {
        squares += (double) x.get(i, j) * x.get(i, j);
      }
    }
    Arrays.sort(margins);
    double median = margins[n / 2];
    double rmsFeatureNorm = Math.sqrt(squares / n);
    // A non-positive median margin means most training points are misclassified: report the norm term with a tiny
    // margin, which makes the measure large, as it should be.
    double margin = Math.max(median, 1e-6);
    return new BoundEstimate(frobenius * rmsFeatureNorm / (margin * Math.sqrt(n)), Map.of(
        "frobenius_norm", frobenius, "rms_feature_norm", rmsFeatureNorm, "median_margin", median, "n", (double) n));
  }

  private static double sumOfSquares(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += (double) v * v;
    }
    return sum;
  }
}
