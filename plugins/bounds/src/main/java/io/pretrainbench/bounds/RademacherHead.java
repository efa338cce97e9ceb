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
 * The representation-induced Rademacher complexity R̂_n(F∘ĥ) of Deng, Hong, Zhou &amp; Mahdavi (AISTATS 2024, arXiv
 * 2403.06871) — the complexity of the downstream head class measured on the <em>learned representation</em> of the
 * downstream sample, the term their generalization bound is built around — for the norm-bounded linear heads F = {z ↦
 * θ·z : ‖θ‖₂ ≤ B}:
 *
 * <pre>  R̂_n(F∘ĥ) = E_σ sup_{‖θ‖≤B} (1/n) Σ σ_i θ·ĥ(x_i) = (B/n)·E_σ‖Σ σ_i ĥ(x_i)‖₂ ≤ (B/n)·√(Σ‖ĥ(x_i)‖²)</pre>
 *
 * (Cauchy–Schwarz for the supremum, Jensen for the bound). The value is the Monte Carlo estimate over {@code samples}
 * seeded sign vectors; its standard error, the closed-form upper bound and — for n ≤ 16 — the exact expectation over
 * all 2ⁿ sign vectors are components.
 *
 * <p>B is {@code bound} when set; otherwise it is read off the fitted linear head: max_c ‖w_c‖₂ ({@code norm=class}),
 * the smallest ball holding every class score, or ‖W‖_F ({@code norm=frobenius}). With {@code bound} set the head is
 * not read, so the estimate applies to any cell (e.g. a k-NN cell: the complexity of a linear head it could have had).
 *
 * <p>The value is a complexity, not a bound on the gap; {@code deng-bound} assembles it into the paper's bound.
 */
public final class RademacherHead implements BoundEstimator {
    /** Up to this n the exact expectation is a component (2¹⁶ sign vectors cost milliseconds). */
    static final int EXACT_UP_TO = 16;

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "rademacher-head",
            "1.0.0",
            "Rademacher complexity of the norm-bounded linear head class on the learned representation (Deng et al."
                    + " 2024).",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.integer("samples", 500, 1, 1_000_000, "Monte Carlo sign vectors"),
                    ParameterSpec.real(
                            "bound", 0.0, 0.0, 1e9, "the head-norm bound B; 0 = read it off the fitted linear head"),
                    ParameterSpec.choice(
                            "norm",
                            "class",
                            List.of("class", "frobenius"),
                            "when bound is 0: B = max class-weight norm (class) or the kernel's Frobenius norm"
                                    + " (frobenius)")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public BoundEstimate estimate(EstimationContext context) {
        Parameters p = context.params();
        double b = headBound(context, p, DESCRIPTOR.name());
        Complexity r = complexity(context.trainFeatures(), b, p.getInt("samples"), context.seed());
        Map<String, Double> components = new LinkedHashMap<>();
        components.put("n", (double) context.trainFeatures().rows());
        components.put("head_norm", b);
        components.put("monte_carlo", r.monteCarlo());
        components.put("monte_carlo_stderr", r.standardError());
        components.put("closed_form", r.closedForm());
        if (context.trainFeatures().rows() <= EXACT_UP_TO) {
            components.put(
                    "exact",
                    (b / r.n())
                            * SignedSums.exact(
                                    context.trainFeatures().values(),
                                    r.n(),
                                    context.trainFeatures().columns()));
        }
        return new BoundEstimate(r.monteCarlo(), components);
    }

    /** B: the {@code bound} parameter, or the fitted head's norm chosen by {@code norm}. */
    static double headBound(EstimationContext context, Parameters p, String estimator) {
        if (p.getDouble("bound") > 0) {
            return p.getDouble("bound");
        }
        FittedHead head = FittedHead.of(context, estimator);
        return "frobenius".equals(p.getString("norm")) ? head.frobeniusNorm() : head.maxClassNorm();
    }

    /** R̂_n(F∘ĥ) for ‖θ‖ ≤ b, by Monte Carlo (with its standard error) and in closed form. */
    record Complexity(int n, double monteCarlo, double standardError, double closedForm) {}

    static Complexity complexity(FeatureMatrix x, double b, int samples, long seed) {
        int n = x.rows();
        if (n == 0) {
            throw new IllegalArgumentException("the Rademacher complexity of an empty sample is undefined");
        }
        float[] values = x.values();
        SignedSums.Estimate mc = SignedSums.monteCarlo(values, n, x.columns(), samples, seed);
        return new Complexity(n, b / n * mc.mean(), b / n * mc.standardError(), b / n * SignedSums.closedForm(values));
    }
}
