package io.pretrainbench.bounds;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The spectrally-normalised margin bound of Bartlett, Foster &amp; Telgarsky ("Spectrally-normalized margin bounds for
 * neural networks", NeurIPS 2017). For a network x ↦ A_L σ(A_{L−1} … σ(A_1 x)) with 1-Lipschitz activations (ReLU) and
 * reference matrices M_i fixed before seeing the sample, the spectral complexity is
 *
 * <pre>  R_A = Π_i ‖A_i‖_σ · (Σ_i (‖A_iᵀ − M_iᵀ‖_{2,1} / ‖A_i‖_σ)^{2/3})^{3/2}</pre>
 *
 * and their Theorem 3.1 (the version for fixed norm bounds and margin γ; Theorem 1.1 makes it uniform over those at the
 * price of log factors, omitted here, as in Jiang et al. 2020's "spec-orig"/"spec-init" measures) bounds the 0-1 risk
 * by
 *
 * <pre>  R̂_γ + 8/n + 72·‖X‖_F·ln(2W)·ln(n)·R_A / (γ·n) + 3·√(ln(1/δ)/(2n))</pre>
 *
 * with R̂_γ the fraction of training points of margin ≤ γ, ‖X‖_F = √(Σ‖x_i‖²) over the inputs and W the largest layer
 * width. The constants are as we read Theorem 3.1; the paper's full text was not at hand here, so check them there
 * before quoting the bound's absolute value (its ranking does not depend on them).
 *
 * <p>The value bounds the 0-1 gap: the bound minus the training error. Components: each term, {@code spectral_product}
 * (Π‖A_i‖_σ), {@code spectral_complexity} (R_A) and {@code normalized_complexity} R_A/(γ·n), the normalised-margin
 * measure of Bartlett et al.'s experiments without the data norm.
 *
 * <p>{@code scope=network}: the layers are the encoder's (a dense ReLU chain, {@code mlp}) and the head; the input is
 * the raw example. {@code scope=head}: only the head, on the learned features, for encoders that are frozen (a linear
 * probe), where the representation is fixed before the downstream sample is seen. Biases are left out, as in the
 * paper's bias-free networks. {@code reference=pretrained} takes the pre-trained encoder's kernels as M_i (it does not
 * depend on the downstream sample) and zero for the head; {@code reference=zero} takes M_i = 0.
 */
public final class SpectralMargin implements BoundEstimator {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "spectral-margin",
            "1.0.0",
            "Spectrally-normalised margin bound of Bartlett, Foster and Telgarsky (2017), Thm 3.1, on the 0-1 gap.",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.choice(
                            "scope",
                            "network",
                            List.of("network", "head"),
                            "network: encoder (a dense ReLU chain) and head on raw inputs; head: the head on the"
                                    + " learned features"),
                    ParameterSpec.choice(
                            "reference",
                            "zero",
                            List.of("zero", "pretrained"),
                            "reference matrices M_i: zero, or the pre-trained encoder's kernels (head: zero)"),
                    Margins.DELTA,
                    Margins.margin("gamma"),
                    Margins.marginQuantile("gamma")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public BoundEstimate estimate(EstimationContext context) {
        Parameters p = context.params();
        FittedHead head = FittedHead.of(context, DESCRIPTOR.name());
        List<DenseChain.Matrix> layers = new ArrayList<>();
        List<DenseChain.Matrix> references = new ArrayList<>();
        double inputNorm;
        int width;
        DenseChain.Matrix headMatrix = new DenseChain.Matrix(head.d(), head.k(), head.kernel());
        if ("network".equals(p.getString("scope"))) {
            DenseChain chain = DenseChain.of(context.encoder().state(), DESCRIPTOR.name());
            layers.addAll(chain.kernels());
            if ("pretrained".equals(p.getString("reference"))) {
                references.addAll(DenseChain.of(context.pretrainedEncoder().state(), DESCRIPTOR.name())
                        .kernels());
            } else {
                chain.kernels().forEach(m -> references.add(zero(m)));
            }
            inputNorm = Math.sqrt(squaredNorm(context.train().features()));
            width = chain.kernels().get(0).rows();
        } else {
            inputNorm = SignedSums.closedForm(context.trainFeatures().values());
            width = head.d();
        }
        layers.add(headMatrix);
        references.add(zero(headMatrix));
        for (DenseChain.Matrix m : layers) {
            width = Math.max(width, m.columns());
        }
        SpectralComplexity rA = spectralComplexity(layers, references);

        int n = context.trainFeatures().rows();
        double[] margins = head.margins(context.trainFeatures(), context.train().labels());
        double gamma = Margins.chosen(p, margins);
        double marginLoss = 0;
        double trainError = 0;
        for (double m : margins) {
            marginLoss += m <= gamma ? 1 : 0;
            trainError += m <= 0 ? 1 : 0;
        }
        marginLoss /= n;
        trainError /= n;
        double complexity = 72 * inputNorm * Math.log(2.0 * width) * Math.log(n) * rA.value() / (gamma * n);
        double confidence = 3 * Math.sqrt(Math.log(1 / p.getDouble("delta")) / (2.0 * n));
        double value = marginLoss - trainError + 8.0 / n + complexity + confidence;
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "spectral-margin: the bound overflows a double (spectral product " + rA.spectralProduct() + ")");
        }
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("n", (double) n);
        c.put("layers", (double) layers.size());
        c.put("width", (double) width);
        c.put("spectral_product", rA.spectralProduct());
        c.put("ratio_sum", rA.ratioSum());
        c.put("spectral_complexity", rA.value());
        c.put("input_norm", inputNorm);
        c.put("margin", gamma);
        c.put("normalized_complexity", rA.value() / (gamma * n));
        c.put("margin_loss", marginLoss);
        c.put("train_error", trainError);
        c.put("small_sample_term", 8.0 / n);
        c.put("complexity_term", complexity);
        c.put("confidence", confidence);
        return new BoundEstimate(value, c);
    }

    /** R_A and its two factors. */
    record SpectralComplexity(double spectralProduct, double ratioSum, double value) {}

    /**
     * R_A = Π‖A_i‖_σ · (Σ (‖A_iᵀ − M_iᵀ‖_{2,1}/‖A_i‖_σ)^{2/3})^{3/2}, for kernels K_i = A_iᵀ given as {@code [in, out]}
     * matrices (so ‖A_iᵀ − M_iᵀ‖_{2,1} is the sum of the column norms of K_i − M_i).
     */
    static SpectralComplexity spectralComplexity(List<DenseChain.Matrix> kernels, List<DenseChain.Matrix> references) {
        double product = 1;
        double ratios = 0;
        for (int i = 0; i < kernels.size(); i++) {
            double s = kernels.get(i).spectralNorm();
            if (s == 0) {
                return new SpectralComplexity(0, 0, 0); // the network is constant: no complexity at all
            }
            product *= s;
            ratios += Math.pow(kernels.get(i).minus(references.get(i)).columnNormSum() / s, 2.0 / 3);
        }
        return new SpectralComplexity(product, ratios, product * Math.pow(ratios, 1.5));
    }

    private static DenseChain.Matrix zero(DenseChain.Matrix like) {
        return new DenseChain.Matrix(like.rows(), like.columns(), new float[like.values().length]);
    }

    private static double squaredNorm(java.nio.FloatBuffer values) {
        double s = 0;
        while (values.hasRemaining()) {
            double v = values.get();
            s += v * v;
        }
        return s;
    }
}
