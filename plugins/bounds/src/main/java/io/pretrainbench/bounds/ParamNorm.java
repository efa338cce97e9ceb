package io.pretrainbench.bounds;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameter-norm measures of the whole predictor (encoder and head), as catalogued by Jiang, Neyshabur, Mobahi,
 * Krishnan &amp; Bengio, "Fantastic Generalization Measures and Where to Find Them" (ICLR 2020, §C "norm-based
 * measures"): over the weight matrices W_1 … W_L (every weight of rank ≥ 2, i.e. kernels, convolution filters and
 * attention projections; biases and normalisation gains excluded, as there),
 *
 * <ul>
 *   <li>{@code log_product}: Σ_l log ‖W_l‖_F² (their "log-prod-of-fro"; the log keeps deep nets finite),
 *   <li>{@code product}: Π_l ‖W_l‖_F (only when finite),
 *   <li>{@code sum}: Σ_l ‖W_l‖_F, and {@code sum_of_squares}: Σ_l ‖W_l‖_F² (= ‖θ‖² over the kernels),
 *   <li>{@code distance}: ‖θ − θ⁰‖₂ over all encoder weights, with θ⁰ the pre-trained encoder the protocol started from
 *       (their "frob-distance" measures from the random initialisation; for a fine-tuned model the relevant
 *       initialisation is pre-training's result, and it does not depend on the downstream sample). The head's own
 *       initialisation is not recorded by the host, so the head does not enter the distance.
 * </ul>
 *
 * The value is the measure chosen by {@code measure}; all are components. These are complexity measures, not bounds:
 * only their ranking (Kendall's τ against the gap) is meaningful.
 */
public final class ParamNorm implements BoundEstimator {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "param-norm",
            "1.0.0",
            "Frobenius-norm product/sum over encoder and head kernels and distance from the pre-trained encoder"
                    + " (Jiang et al. 2020).",
            SpiVersion.CURRENT,
            List.of(ParameterSpec.choice(
                    "measure",
                    "log_product",
                    List.of("log_product", "product", "sum", "sum_of_squares", "distance"),
                    "which measure is the value")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public BoundEstimate estimate(EstimationContext context) {
        List<Map.Entry<String, WeightTensor>> matrices = new ArrayList<>();
        context.encoder().state().weights().tensors().forEach((name, t) -> {
            if (t.shape().length >= 2) {
                matrices.add(Map.entry("encoder/" + name, t));
            }
        });
        context.head().weights().tensors().forEach((name, t) -> {
            if (t.shape().length >= 2) {
                matrices.add(Map.entry("head/" + name, t));
            }
        });
        if (matrices.isEmpty()) {
            throw new IllegalArgumentException("param-norm: neither the encoder nor the head has a weight matrix");
        }
        double logProduct = 0;
        double sum = 0;
        double sumOfSquares = 0;
        for (Map.Entry<String, WeightTensor> m : matrices) {
            double squared = squaredNorm(m.getValue());
            logProduct += Math.log(squared); // −∞ for an all-zero matrix: then log_product and product are left out
            sum += Math.sqrt(squared);
            sumOfSquares += squared;
        }
        double product = Math.exp(logProduct / 2);
        double distance = distance(
                context.encoder().state().weights(),
                context.pretrainedEncoder().state().weights());

        Map<String, Double> c = new LinkedHashMap<>();
        c.put("matrices", (double) matrices.size());
        if (Double.isFinite(logProduct)) {
            c.put("log_product", logProduct);
        }
        if (Double.isFinite(product) && product > 0) {
            c.put("product", product);
        }
        c.put("sum", sum);
        c.put("sum_of_squares", sumOfSquares);
        c.put("distance", distance);
        c.put("encoder_parameters", (double) context.encoder().state().weights().parameterCount());
        String measure = context.params().getString("measure");
        Double value = c.get(measure);
        if (value == null) {
            throw new IllegalArgumentException("param-norm: measure '" + measure + "' is not finite here (an all-zero"
                    + " weight matrix makes the log-product -infinity; the product of " + matrices.size()
                    + " Frobenius norms may overflow); use measure=sum or measure=log_product");
        }
        return new BoundEstimate(value, c);
    }

    static double squaredNorm(WeightTensor t) {
        double s = 0;
        java.nio.FloatBuffer b = t.buffer();
        while (b.hasRemaining()) {
            double v = b.get();
            s += v * v;
        }
        return s;
    }

    /** ‖θ − θ⁰‖₂ over all weights of two encoders of one architecture. */
    static double distance(Weights now, Weights initial) {
        if (!now.tensors().keySet().equals(initial.tensors().keySet())) {
            throw new IllegalArgumentException("param-norm: the encoder's weights "
                    + now.tensors().keySet() + " are not those of its pre-trained encoder "
                    + initial.tensors().keySet());
        }
        double s = 0;
        for (Map.Entry<String, WeightTensor> e : now.tensors().entrySet()) {
            WeightTensor a = e.getValue();
            WeightTensor b = initial.get(e.getKey());
            if (!Arrays.equals(a.shape(), b.shape())) {
                throw new IllegalArgumentException(
                        "param-norm: weight '" + e.getKey() + "' has shape " + Arrays.toString(a.shape()) + " but "
                                + Arrays.toString(b.shape()) + " in the pre-trained encoder");
            }
            java.nio.FloatBuffer x = a.buffer();
            java.nio.FloatBuffer y = b.buffer();
            while (x.hasRemaining()) {
                double d = x.get() - y.get();
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }
}
