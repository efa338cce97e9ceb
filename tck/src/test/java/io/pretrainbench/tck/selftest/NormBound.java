package io.pretrainbench.tck.selftest;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.params.ParameterSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A correct estimator: the Rademacher complexity of linear heads with the fitted head's Frobenius norm B on the
 * features, {@code (B/n)·E_σ‖Σσ_i x_i‖}, by Monte Carlo over {@code samples} seeded sign vectors.
 */
public class NormBound implements BoundEstimator {
    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "tck-norm",
                "1.0.0",
                "Monte Carlo Rademacher complexity of norm-bounded linear heads.",
                SpiVersion.CURRENT,
                List.of(ParameterSpec.integer("samples", 50, 1, 10_000, "sign vectors")));
    }

    @Override
    public BoundEstimate estimate(EstimationContext context) {
        float[] kernel = context.head().asLinear().kernel().values();
        double b = 0;
        for (float v : kernel) {
            b += (double) v * v;
        }
        b = Math.sqrt(b);
        FeatureMatrix x = context.trainFeatures();
        int samples = context.params().getInt("samples");
        Random random = random(context.seed());
        double total = 0;
        for (int s = 0; s < samples; s++) {
            double[] sum = new double[x.columns()];
            for (int i = 0; i < x.rows(); i++) {
                int sign = random.nextBoolean() ? 1 : -1;
                for (int j = 0; j < x.columns(); j++) {
                    sum[j] += sign * x.get(i, j);
                }
            }
            double norm = 0;
            for (double v : sum) {
                norm += v * v;
            }
            total += Math.sqrt(norm);
        }
        double rademacher = b / x.rows() * total / samples;
        return new BoundEstimate(rademacher, Map.of("head_norm", b, "n", (double) x.rows()));
    }

    /** The source of the sign vectors; the broken variant that ignores the seed overrides this. */
    protected Random random(long seed) {
        return new Random(seed);
    }
}
