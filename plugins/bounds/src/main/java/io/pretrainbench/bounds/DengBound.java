package io.pretrainbench.bounds;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pre-train → fine-tune generalization bound of Deng, Hong, Zhou &amp; Mahdavi (AISTATS 2024, arXiv 2403.06871),
 * assembled term by term, each term a component.
 *
 * <p><b>The form implemented.</b> Only the paper's abstract could be read from this workplace, so the statement follows
 * the project's summary of its main theorem ({@code papers.md} §A, marked there as reconstructed): for a representation
 * ĥ that is (C_β, β)-transferable (min_f R_T(f∘ĥ) − min_f R_T(f∘h*) ≤ C_β·E_U(ĥ)^β, with E_U the excess pre-training
 * risk), with probability 1 − δ the fine-tuned head f̂ satisfies
 *
 * <pre>  R_T(f̂∘ĥ) − min_f R_T(f∘h*) ≤ C_β·E_U^β + 4·G_ℓ·R̂_n(F∘ĥ) + O(B_ℓ·√(log(1/δ)/n)) + Δ_het.</pre>
 *
 * The value is that right-hand side, with these choices, each stated where it is computed:
 *
 * <ul>
 *   <li><b>loss</b> ℓ: the ramp loss of the multi-class margin at ρ (bounded by B_ℓ = 1, and above the 0-1 loss), ρ
 *       fixed by {@code margin} or the {@code margin_quantile} quantile of the positive training margins;
 *   <li><b>G_ℓ·R̂_n(F∘ĥ)</b>, the Rademacher complexity of the loss class: (2k/ρ)·R̂_n(Π₁(H)) by the ramp loss's
 *       1/ρ-Lipschitz contraction and the multi-class margin lemma (Mohri et al., <i>Foundations of ML</i>, 2nd ed.,
 *       proof of Thm 9.2), where H = {x ↦ w_y·ĥ(x) + b_y : ‖w_y‖₂ ≤ B, |b_y| ≤ β} and R̂_n(Π₁(H)) ≤ (B/n)·√(Σ‖ĥ(x_i)‖²)
 *       + β/√n (the closed form of {@code rademacher-head}, an upper bound so the inequality survives Monte Carlo
 *       error; the Monte Carlo value is a component);
 *   <li><b>confidence</b>: the "4·R̂ + O(√(log(1/δ)/n))" of the excess-risk step comes from bounding sup_f |R − R̂|
 *       twice, each side by 2·R̂_n(ℓ∘F) + 3·B_ℓ·√(log(4/δ)/(2n)) (Mohri et al. Thm 3.3 with the empirical complexity,
 *       δ/2 per side), so the term is 6·√(log(4/δ)/(2n));
 *   <li><b>optimisation</b>: the theorem's f̂ minimises the empirical ramp loss; the cell's head minimised
 *       cross-entropy instead, which costs R̂_ρ(f̂) − min_f R̂_ρ(f) ≤ R̂_ρ(f̂) (the minimum is ≥ 0), added as
 *       {@code optimisation_term};
 *   <li><b>transferability</b> C_β·E_U^β: E_U is estimated from this cell's pre-training curve as the mean loss of its
 *       last {@code curve_tail} fraction of steps minus {@code pretrain_floor} (the lowest loss the pre-training
 *       objective can reach: 0 for reconstruction errors). Assumptions: the final training loss stands for the
 *       population pre-training risk (pre-training on tens of thousands of examples barely overfits), and the floor
 *       stands for min E_U, which overstates the excess and so keeps the term an upper bound. C_β and β are not
 *       identifiable from one cell (they need several encoders of one method, as the paper's definition ranges over the
 *       pre-training class); they are the parameters {@code transfer_c} and {@code transfer_beta}. When the cell does
 *       not know its curve (a method that does not train, or an encoder loaded from an earlier run's cache) the term is
 *       0 and {@code transferability_estimated} is 0. <b>Held-out and fitted.</b> An encoder pre-trained with the
 *       methods' {@code heldout} parameter records its pre-training loss on corpus examples it never trained on
 *       ({@link EncoderState#PRETRAIN_HELDOUT_LOSS}, component {@code pretrain_heldout_loss});
 *       {@code pretrain_loss=heldout} takes E_U from it, which drops the first assumption. {@code bin/pretrain-bench
 *       transferability} fits C_β and β over the checkpoints of one pre-training run (the paper's definition) and
 *       prints the {@code transfer_c}, {@code transfer_beta} and {@code pretrain_floor} (the reference encoder's
 *       held-out loss) to give here;
 *   <li><b>heterogeneity</b> Δ_het: estimating it needs samples of the pre-training distribution, which a cell does not
 *       see; it is the parameter {@code heterogeneity} (0 for pre-training on the downstream task's own distribution,
 *       as Fashion-MNIST → Fashion-MNIST).
 * </ul>
 *
 * <p><b>What the value bounds.</b> The excess risk over the best head on the reference representation h*, in ramp loss
 * (≥ 0-1 loss) units; the host compares every estimator with the measured 0-1 gap (test − train error), which this
 * theorem does not bound directly, so its "holds" fraction is reported for comparison only.
 */
public final class DengBound implements BoundEstimator {
    private static final String CURVE = "curve";
    private static final String HELDOUT = "heldout";
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "deng-bound",
            "1.0.0",
            "Deng et al. (2024) pre-train/fine-tune bound: transferability + 4 G R_n(F o h) + confidence +"
                    + " heterogeneity.",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.integer("samples", 200, 1, 1_000_000, "Monte Carlo sign vectors (a component only)"),
                    Margins.DELTA,
                    Margins.margin("rho"),
                    Margins.marginQuantile("rho"),
                    ParameterSpec.real(
                            "transfer_c",
                            1.0,
                            0.0,
                            1e6,
                            "C_beta of the transferability assumption (not estimable from one cell)"),
                    ParameterSpec.real("transfer_beta", 1.0, 0.01, 10.0, "beta of the transferability assumption"),
                    ParameterSpec.real(
                            "pretrain_floor",
                            0.0,
                            -1e9,
                            1e9,
                            "lowest reachable pre-training loss (min E_U); 0 for reconstruction"),
                    ParameterSpec.choice(
                                    "pretrain_loss",
                                    CURVE,
                                    List.of(CURVE, HELDOUT),
                                    "E_U from the final training loss (curve) or, when the encoder recorded it, the"
                                            + " pre-training loss on held-out corpus examples (heldout)")
                            .omittedAtDefault(),
                    ParameterSpec.real(
                            "curve_tail",
                            0.05,
                            0.001,
                            1.0,
                            "fraction of the last pre-training steps averaged for the final loss"),
                    ParameterSpec.real(
                            "heterogeneity",
                            0.0,
                            0.0,
                            1e6,
                            "Delta_het between pre-training and downstream distributions")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public BoundEstimate estimate(EstimationContext context) {
        Parameters p = context.params();
        FittedHead head = FittedHead.of(context, DESCRIPTOR.name());
        FeatureMatrix x = context.trainFeatures();
        int n = x.rows();
        int k = context.numClasses();

        double b = head.maxClassNorm();
        RademacherHead.Complexity weights = RademacherHead.complexity(x, b, p.getInt("samples"), context.seed());
        double biasComplexity = head.maxAbsBias() / Math.sqrt(n); // (β/n)·E|Σσ_i| ≤ β/√n
        double rademacher = weights.closedForm() + biasComplexity;

        double[] margins = head.margins(x, context.train().labels());
        double rho = Margins.chosen(p, margins);
        double rampLoss = 0;
        double trainError = 0;
        for (double m : margins) {
            rampLoss += RademacherLinear.rampLoss(m, rho);
            trainError += m <= 0 ? 1 : 0;
        }
        rampLoss /= n;
        trainError /= n;

        double lossComplexity = 2.0 * k / rho * rademacher; // G_ℓ·R̂_n(F∘ĥ) for the multi-class ramp loss
        double rademacherTerm = 4 * lossComplexity;
        double confidence = 6 * Math.sqrt(Math.log(4 / p.getDouble("delta")) / (2.0 * n));
        Optional<Double> heldoutLoss = Optional.ofNullable(
                        context.pretrainedEncoder().state().config().get(EncoderState.PRETRAIN_HELDOUT_LOSS))
                .map(Double::parseDouble);
        Transferability transfer = transferability(context.pretrainCurve(), heldoutLoss, p);
        double heterogeneity = p.getDouble("heterogeneity");
        double value = transfer.term() + rademacherTerm + confidence + rampLoss + heterogeneity;

        Map<String, Double> c = new LinkedHashMap<>();
        c.put("n", (double) n);
        c.put("classes", (double) k);
        c.put("head_norm", b);
        c.put("bias_norm", head.maxAbsBias());
        c.put("rademacher_closed_form", weights.closedForm());
        c.put("rademacher_monte_carlo", weights.monteCarlo());
        c.put("rademacher_bias", biasComplexity);
        c.put("margin", rho);
        c.put("loss_lipschitz_complexity", lossComplexity);
        c.put("rademacher_term", rademacherTerm);
        c.put("confidence", confidence);
        c.put("train_ramp_loss", rampLoss);
        c.put("train_error", trainError);
        c.put("optimisation_term", rampLoss);
        c.put("transferability_estimated", transfer.estimated() ? 1.0 : 0.0);
        c.put("pretrain_final_loss", transfer.finalLoss());
        heldoutLoss.ifPresent(loss -> {
            c.put(EncoderState.PRETRAIN_HELDOUT_LOSS, loss);
            c.put("transferability_from_heldout", transfer.fromHeldout() ? 1.0 : 0.0);
        });
        c.put("pretrain_excess", transfer.excess());
        c.put("transferability_term", transfer.term());
        c.put("heterogeneity_term", heterogeneity);
        return new BoundEstimate(value, c);
    }

    /**
     * C_β·E_U^β, and what entered it.
     *
     * @param finalLoss the mean of the curve's tail (0 without a curve)
     * @param fromHeldout whether E_U came from the held-out loss rather than the curve
     */
    record Transferability(boolean estimated, double finalLoss, boolean fromHeldout, double excess, double term) {}

    /**
     * E_U is the held-out loss when {@code pretrain_loss} asks for it and the encoder recorded one, else the final
     * training loss from the curve; in both cases minus {@code pretrain_floor}.
     */
    static Transferability transferability(List<Double> curve, Optional<Double> heldoutLoss, Parameters p) {
        double finalLoss = 0;
        if (!curve.isEmpty()) {
            int tail = Math.max(1, (int) Math.ceil(p.getDouble("curve_tail") * curve.size()));
            double sum = 0;
            for (int i = curve.size() - tail; i < curve.size(); i++) {
                sum += curve.get(i);
            }
            finalLoss = sum / tail;
        }
        boolean fromHeldout = p.getString("pretrain_loss").equals(HELDOUT) && heldoutLoss.isPresent();
        if (!fromHeldout && curve.isEmpty()) {
            return new Transferability(false, 0, false, 0, 0);
        }
        double loss = fromHeldout ? heldoutLoss.orElseThrow() : finalLoss;
        double excess = Math.max(0, loss - p.getDouble("pretrain_floor"));
        double term = p.getDouble("transfer_c") * Math.pow(excess, p.getDouble("transfer_beta"));
        return new Transferability(true, finalLoss, fromHeldout, excess, term);
    }
}
