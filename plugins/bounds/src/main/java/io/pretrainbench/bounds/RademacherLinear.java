package io.pretrainbench.bounds;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Multi-class margin bound for the fitted linear head on the learned representation.
 *
 * <p>Follows Mohri, Rostamizadeh & Talwalkar, <i>Foundations of Machine Learning</i> (2nd ed.), Theorem 9.2
 * (after Koltchinskii & Panchenko): with probability ≥ 1 − δ,
 * {@code R(h) ≤ R̂_ρ(h) + (4k/ρ)·R̂_n(Π₁(H)) + √(log(1/δ)/(2n))}, where R̂_ρ is the empirical ramp margin loss, k the
 * number of classes and Π₁(H) = {x ↦ w_y·x̃ : y, ‖w_y‖ ≤ Λ} with x̃ = (ĥ(x), 1) (the bias folded in). Its key term is
 * the one Deng et al. (AISTATS 2024, arXiv 2403.06871) put at the centre of the pre-train → fine-tune bound: the
 * empirical Rademacher complexity of the head class on the <em>learned representation</em> of the downstream sample.
 *
 * <p>For that norm-bounded linear class the supremum is exact, {@code sup_w (1/n)Σσ_i w·x̃_i = (Λ/n)‖Σσ_i x̃_i‖₂},
 * so R̂_n = (Λ/n)·E_σ‖Σσ_i x̃_i‖₂: estimated by Monte Carlo over {@code samples} sign vectors, and bounded above by
 * Jensen's closed form (Λ/n)·√Σ‖x̃_i‖². The bound uses the closed form (an upper bound, so the inequality still
 * holds); both are recorded. Λ is the fitted head's largest per-class norm — data-dependent, so strictly a union bound
 * over a grid of Λ would add a small log term, omitted here and noted.
 *
 * <p>The estimate bounds the generalization gap (test error − train error): {@code value = R̂_ρ − R̂_0-1 +
 * (4k/ρ)·R̂_n + √(log(1/δ)/(2n))}. The margin ρ is the {@code margin_quantile} quantile of the positive training
 * margins, as is common when evaluating margin bounds (Bartlett, Foster & Telgarsky 2017).
 */
public final class RademacherLinear implements BoundEstimator {
  @Override
  public PluginDescriptor descriptor() {
    return new PluginDescriptor("rademacher-linear", "1.0.0",
        "Multi-class margin bound (Mohri et al. Thm 9.2) with the head's Rademacher complexity on the representation.",
        SpiVersion.CURRENT, List.of(
            ParameterSpec.integer("samples", 200, 1, 100_000, "Monte Carlo sign vectors for the Rademacher estimate"),
            ParameterSpec.real("delta", 0.05, 1e-6, 0.5, "confidence parameter: the bound holds with probability 1 - delta"),
            ParameterSpec.real("margin_quantile", 0.1, 0.001, 0.999, "margin rho = this quantile of positive training margins")));
  }

  @Override
  public BoundEstimate estimate(EstimationContext context) {
    Head head = context.head();
    if (!Head.LINEAR.equals(head.architecture())) {
      throw new IllegalArgumentException("rademacher-linear needs a linear head, got '" + head.architecture() + "'");
    }
    FeatureMatrix x = context.trainFeatures();
    int n = x.rows();
    int d = x.columns();
    int k = context.numClasses();
    Weights w = head.weights();
    float[] kernel = w.get("kernel").values(); // [d, k]
    float[] bias = w.get("bias").values();
    int[] labels = context.train().labels();

    // Λ = max_y ‖(w_y, b_y)‖₂
    double lambda = 0;
    for (int c = 0; c < k; c++) {
      double s = (double) bias[c] * bias[c];
      for (int j = 0; j < d; j++) {
        s += (double) kernel[j * k + c] * kernel[j * k + c];
      }
      lambda = Math.max(lambda, Math.sqrt(s));
    }
    double[] values = new double[n * (d + 1)]; // x̃ = (ĥ(x), 1)
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        values[i * (d + 1) + j] = x.get(i, j);
      }
      values[i * (d + 1) + d] = 1;
    }
    for (double v : values) {
      sumSquares += v * v;
    }
    double closedForm = lambda / n * Math.sqrt(sumSquares);
    double monteCarlo = lambda / n * expectedSignedSumNorm(values, n, d + 1,
        context.params().getInt("samples"), context.seed());

    double[] margins = margins(x, kernel, bias, labels, k);
    double rho = marginQuantile(margins, context.params().getDouble("margin_quantile"));
    double marginLoss = 0;
    double trainError = 0;
    for (double m : margins) {
      marginLoss += m <= 0 ? 1 : m >= rho ? 0 : 1 - m / rho;
      trainError += m <= 0 ? 1 : 0;
    }
    marginLoss /= n;
    trainError /= n;
    double complexity = 4.0 * k / rho * closedForm;
    double confidence = Math.sqrt(Math.log(1 / context.params().getDouble("delta")) / (2.0 * n));
    double value = marginLoss - trainError + complexity + confidence;

    Map<String, Double> components = new LinkedHashMap<>();
    components.put("n", (double) n);
    components.put("classes", (double) k);
    components.put("head_norm", lambda);
    components.put("feature_norm_sum", Math.sqrt(sumSquares));
    components.put("rademacher_closed_form", closedForm);
    components.put("rademacher_monte_carlo", monteCarlo);
    components.put("margin", rho);
    components.put("empirical_margin_loss", marginLoss);
    components.put("train_error", trainError);
    components.put("complexity_term", complexity);
    components.put("confidence", confidence);
    return new BoundEstimate(value, components);
  }

  /** E_σ ‖Σ σ_i x_i‖₂ by Monte Carlo over {@code samples} Rademacher vectors. */
  static double expectedSignedSumNorm(double[] x, int n, int d, int samples, long seed) {
    Random random = new Random(seed);
    double total = 0;
    double[] sum = new double[d];
    for (int s = 0; s < samples; s++) {
      Arrays.fill(sum, 0);
      for (int i = 0; i < n; i++) {
        double sign = random.nextBoolean() ? 1 : -1;
        for (int j = 0; j < d; j++) {
          sum[j] += sign * x[i * d + j];
        }
      }
      double norm = 0;
      for (double v : sum) {
        norm += v * v;
      }
      total += Math.sqrt(norm);
    }
    return total / samples;
  }

  /** Multi-class margins h(x, y) − max_{y' ≠ y} h(x, y'). */
  static double[] margins(FeatureMatrix x, float[] kernel, float[] bias, int[] labels, int k) {
    double[] margins = new double[x.rows()];
    for (int i = 0; i < x.rows(); i++) {
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
    }
    return margins;
  }

  /** The q-quantile of the positive margins; a tiny positive ρ when no margin is positive (the bound is then vacuous). */
  static double marginQuantile(double[] margins, double q) {
    double[] positive = Arrays.stream(margins).filter(m -> m > 0).sorted().toArray();
    if (positive.length == 0) {
      return 1e-6;
    }
    return positive[Math.min(positive.length - 1, (int) Math.floor(q * positive.length))];
  }
}
