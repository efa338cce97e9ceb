package org.example.pca;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.params.ParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A norm-based margin bound on the generalization gap of the fitted linear head, driven by the norms of the learned
 * features ĥ(x_i) and the Frobenius norm of the head.
 *
 * <p>Write x̃_i = (ĥ(x_i), 1) (bias folded in), W for the head's weights as a (d+1) × k matrix, B = ‖W‖_F and
 * S = √Σ‖x̃_i‖². For a linear class {x ↦ w·x̃ : ‖w‖ ≤ B} the empirical Rademacher complexity is at most
 * {@code (B/n)·S} (Kakade, Sridharan &amp; Tewari 2009; the depth-1 case of Golowich, Rakhlin &amp; Shamir 2018):
 * the {@code norm_complexity} component. The multi-class margin loss Φ_ρ(z_y − max_{y'≠y} z_{y'}) (ramp of width
 * ρ) is (√2/ρ)-Lipschitz in the logits z, so Maurer's vector-contraction inequality (2016) bounds the complexity of
 * the loss class by (2√k/ρ)·(B/n)·S. The standard Rademacher bound (Mohri et al., <i>Foundations of Machine
 * Learning</i>, Thm 3.3) then gives, with probability ≥ 1 − δ,
 *
 * <pre>test error − train error ≤ R̂_ρ − R̂_0-1 + (4√k/ρ)·(B/n)·S + 3·√(log(2/δ)/(2n))</pre>
 *
 * <p>which is the value. It is invariant to rescaling the head (B and ρ scale together) and, with B ≤ √k·max_y‖w_y‖,
 * never looser in its complexity term than the built-in {@code rademacher-linear} at the same margin. As there, ρ is
 * a quantile of the positive training margins and B is the fitted head's norm; both are chosen from the data, for
 * which a strict statement would add a small union-bound term that is omitted.
 */
public final class FeatureNorm implements BoundEstimator {
  @Override
  public PluginDescriptor descriptor() {
    return new PluginDescriptor("feature-norm", "1.0.0",
        "Norm-based margin bound: Frobenius norm of the head times the feature norms, over margin and n.",
        SpiVersion.CURRENT, List.of(
            ParameterSpec.real("delta", 0.05, 1e-6, 0.5, "confidence: the bound holds with probability 1 - delta"),
            ParameterSpec.real("margin_quantile", 0.1, 0.001, 0.999,
                "margin rho = this quantile of the positive training margins")));
  }

  @Override
  public BoundEstimate estimate(EstimationContext context) {
    Head head = context.head();
    if (!Head.LINEAR.equals(head.architecture())) {
      throw new IllegalArgumentException("feature-norm needs a linear head (protocols linear-probe or fine-tune), got '"
          + head.architecture() + "'");
    }
    LinearHead linear = head.asLinear();
    float[] kernel = linear.kernel().values(); // [d, k], row-major
    float[] bias = linear.bias().values();
    FeatureMatrix x = context.trainFeatures();
    int n = x.rows();
    int d = x.columns();
    int k = context.numClasses();
    int[] labels = context.train().labels();

    double headNorm = Math.sqrt(sumOfSquares(kernel) + sumOfSquares(bias));
    double squares = n; // the folded-in constant 1 of every x̃_i
    double[] margins = new double[n];
    double[] logits = new double[k];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < k; c++) {
        logits[c] = bias[c];
      }
      for (int j = 0; j < d; j++) {
        double v = x.get(i, j);
        squares += v * v;
        for (int c = 0; c < k; c++) {
          logits[c] += v * kernel[j * k + c];
        }
      }
      double other = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != labels[i]) {
          other = Math.max(other, logits[c]);
        }
      }
      margins[i] = logits[labels[i]] - other;
    }
    double featureNormSum = Math.sqrt(squares);
    double normComplexity = headNorm / n * featureNormSum;
    double rho = positiveQuantile(margins, context.params().getDouble("margin_quantile"));
    double marginLoss = 0;
    double trainError = 0;
    for (double m : margins) {
      marginLoss += m <= 0 ? 1 : m >= rho ? 0 : 1 - m / rho;
      trainError += m <= 0 ? 1 : 0;
    }
    marginLoss /= n;
    trainError /= n;
    double complexity = 4 * Math.sqrt(k) / rho * normComplexity;
    double confidence = 3 * Math.sqrt(Math.log(2 / context.params().getDouble("delta")) / (2.0 * n));

    Map<String, Double> components = new LinkedHashMap<>();
    components.put("n", (double) n);
    components.put("classes", (double) k);
    components.put("head_frobenius_norm", headNorm);
    components.put("feature_norm_sum", featureNormSum);
    components.put("rms_feature_norm", featureNormSum / Math.sqrt(n));
    components.put("norm_complexity", normComplexity);
    components.put("margin", rho);
    components.put("empirical_margin_loss", marginLoss);
    components.put("train_error", trainError);
    components.put("complexity_term", complexity);
    components.put("confidence", confidence);
    return new BoundEstimate(marginLoss - trainError + complexity + confidence, components);
  }

  /**
   * The q-quantile of the positive margins. When none is positive every training point is misclassified, and a tiny
   * ρ makes the bound (rightly) vacuous.
   */
  static double positiveQuantile(double[] margins, double q) {
    double[] positive = Arrays.stream(margins).filter(m -> m > 0).sorted().toArray();
    if (positive.length == 0) {
      return 1e-6;
    }
    return positive[Math.min(positive.length - 1, (int) Math.floor(q * positive.length))];
  }

  private static double sumOfSquares(float[] values) {
    double sum = 0;
    for (float v : values) {
      sum += (double) v * v;
    }
    return sum;
  }
}
