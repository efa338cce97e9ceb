package io.pretrainbench.bounds;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Multi-class margin bound for the fitted linear head on the learned representation ĥ.
 *
 * <p><b>The theorem.</b> Mohri, Rostamizadeh &amp; Talwalkar, <i>Foundations of Machine Learning</i> (2nd ed., 2018),
 * Theorem 9.2 (the margin bound for multi-class classification, after Koltchinskii &amp; Panchenko 2002, with the
 * linear-in-k constant of Kuznetsov, Mohri &amp; Syed 2015): for a fixed ρ &gt; 0, with probability at least 1 − δ over
 * a sample of size n, for every h in H,
 *
 * <pre>  R(h) ≤ R̂_ρ(h) + (4k/ρ)·R_n(Π₁(H)) + √(log(1/δ)/(2n))</pre>
 *
 * where R̂_ρ is the empirical ramp loss at margin ρ (1 below margin 0, 1 − m/ρ in between, 0 above ρ), k the number of
 * classes and Π₁(H) = {x ↦ h(x, y) : y ∈ Y, h ∈ H}. Its key term is the one Deng et al. (AISTATS 2024, arXiv
 * 2403.06871) put at the centre of the pre-train → fine-tune bound: R̂_n(F∘ĥ), the Rademacher complexity of the head
 * class on the <em>learned representation</em> of the downstream sample.
 *
 * <p><b>The head class.</b> H = {(x, y) ↦ w_y·ĥ(x) + b_y : ‖W‖_F ≤ B, max_y |b_y| ≤ β}, with B and β those of the
 * fitted head. Since every ‖w_y‖ ≤ ‖W‖_F, splitting the supremum gives
 *
 * <pre>  R̂_n(Π₁(H)) ≤ (B/n)·E_σ‖Σσ_i ĥ(x_i)‖₂ + (β/n)·E_σ|Σσ_i| ≤ (B/n)·√(Σ‖ĥ(x_i)‖²) + β/√n</pre>
 *
 * (Jensen for both expectations). The first expectation is also estimated by Monte Carlo over {@code samples} seeded
 * sign vectors ({@code rademacher_monte_carlo}); the bound uses the closed forms, which are upper bounds, so the
 * inequality still holds whatever the Monte Carlo error.
 *
 * <p><b>The value</b> bounds the 0-1 generalization gap (test error − train error) by subtracting the empirical 0-1
 * error from both sides of the theorem:
 *
 * <pre>  value = empirical_margin_loss − train_error + (4k/ρ)·(rademacher_closed_form + rademacher_bias) + confidence
 * </pre>
 *
 * with {@code complexity_term} = (4k/ρ)·(rademacher_closed_form + rademacher_bias) and {@code confidence} =
 * √(log(1/δ)/(2n)).
 *
 * <p><b>What is approximate, and recorded as such.</b> (1) The theorem holds with the expected complexity R_n; we plug
 * in its empirical closed form, as Deng et al.'s bound does (a fully empirical statement would use 3·√(log(2/δ)/(2n))
 * for the confidence term). (2) B, β and — by default — ρ are read off the fitted head and its training margins,
 * whereas the theorem fixes them in advance; making the bound uniform over them adds terms of order √(log log(B/ρ)/n)
 * (Mohri et al., Thm 5.9 for binary margins), omitted here. Set {@code margin} to fix ρ in advance.
 */
public final class RademacherLinear implements BoundEstimator {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "rademacher-linear",
            "1.1.0",
            "Multi-class margin bound (Mohri et al. Thm 9.2) with the head's Rademacher complexity on the"
                    + " representation.",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.integer(
                            "samples", 200, 1, 100_000, "Monte Carlo sign vectors for the Rademacher estimate"),
                    Margins.DELTA,
                    Margins.margin("rho"),
                    Margins.marginQuantile("rho")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public BoundEstimate estimate(EstimationContext context) {
        FittedHead head = FittedHead.of(context, DESCRIPTOR.name());
        FeatureMatrix x = context.trainFeatures();
        Parameters p = context.params();
        int n = x.rows();
        int k = context.numClasses();
        float[] features = x.values();

        double featureNormSum = SignedSums.closedForm(features);
        double closedForm = head.frobeniusNorm() / n * featureNormSum;
        double monteCarlo = head.frobeniusNorm()
                / n
                * expectedSignedSumNorm(features, n, x.columns(), p.getInt("samples"), context.seed());
        double biasTerm = head.maxAbsBias() / Math.sqrt(n);

        double[] margins = head.margins(x, context.train().labels());
        double rho = Margins.chosen(p, margins);
        double marginLoss = 0;
        double trainError = 0;
        for (double m : margins) {
            marginLoss += rampLoss(m, rho);
            trainError += m <= 0 ? 1 : 0;
        }
        marginLoss /= n;
        trainError /= n;
        double complexity = 4.0 * k / rho * (closedForm + biasTerm);
        double confidence = Math.sqrt(Math.log(1 / p.getDouble("delta")) / (2.0 * n));
        double value = marginLoss - trainError + complexity + confidence;

        Map<String, Double> components = new LinkedHashMap<>();
        components.put("n", (double) n);
        components.put("classes", (double) k);
        components.put("head_norm", head.frobeniusNorm());
        components.put("bias_norm", head.maxAbsBias());
        components.put("feature_norm_sum", featureNormSum);
        components.put("rademacher_closed_form", closedForm);
        components.put("rademacher_monte_carlo", monteCarlo);
        components.put("rademacher_bias", biasTerm);
        components.put("margin", rho);
        components.put("empirical_margin_loss", marginLoss);
        components.put("train_error", trainError);
        components.put("complexity_term", complexity);
        components.put("confidence", confidence);
        return new BoundEstimate(value, components);
    }

    /**
     * E_σ ‖Σ σ_i x_i‖₂ by Monte Carlo over {@code samples} Rademacher vectors drawn from {@code seed}.
     *
     * @param x {@code n × d} values, row-major
     */
    static double expectedSignedSumNorm(float[] x, int n, int d, int samples, long seed) {
        return SignedSums.monteCarlo(x, n, d, samples, seed).mean();
    }

    /** The ramp loss Φ_ρ(m) = min(1, max(0, 1 − m/ρ)) of Mohri et al.'s margin bounds. */
    static double rampLoss(double margin, double rho) {
        return Math.min(1, Math.max(0, 1 - margin / rho));
    }
}
