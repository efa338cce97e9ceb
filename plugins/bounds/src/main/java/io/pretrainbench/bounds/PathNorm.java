package io.pretrainbench.bounds;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.params.ParameterSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ℓ2 path norm of Neyshabur, Tomioka &amp; Srebro ("Norm-based capacity control in neural networks", COLT 2015):
 * the square root of the sum over all input-to-output paths of the product of the squared weights along the path,
 * computed as Jiang et al. (ICLR 2020, "path-norm") do, by one forward pass of the network with every weight squared on
 * an all-ones input (the ReLUs are then the identity) and summing the outputs.
 *
 * <p>{@code scope=network} takes the whole predictor, encoder and linear head; it applies where the encoder is a chain
 * of dense ReLU layers ({@code mlp}; path norms of convolutions with pooling, or of attention, are not this forward
 * pass). {@code scope=head} takes the linear head on the learned features only, where the path norm is √(Σ W² + Σ b²),
 * and applies to any encoder. With {@code biases} (the default, as in Jiang et al., who square every parameter), a bias
 * is a weight from a constant unit and its paths count. The value is the path norm; {@code path_norm_squared} is Jiang
 * et al.'s measure itself. A complexity measure, not a bound.
 */
public final class PathNorm implements BoundEstimator {
    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "path-norm",
            "1.0.0",
            "l2 path norm by a forward pass of squared weights on an all-ones input (Neyshabur et al. 2015, Jiang"
                    + " et al. 2020).",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.choice(
                            "scope",
                            "network",
                            List.of("network", "head"),
                            "network: encoder (a dense ReLU chain) and head; head: the linear head on the features"),
                    ParameterSpec.bool("biases", true, "count the paths that start at a bias")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public BoundEstimate estimate(EstimationContext context) {
        FittedHead head = FittedHead.of(context, DESCRIPTOR.name());
        boolean biases = context.params().getBoolean("biases");
        double[] ones = new double[head.d()];
        java.util.Arrays.fill(ones, 1);
        double headSquared = sum(DenseChain.squaredLayer(ones, head.kernel(), head.k(), biases ? head.bias() : null));
        Map<String, Double> c = new LinkedHashMap<>();
        c.put("head_path_norm", Math.sqrt(headSquared));
        double squared = headSquared;
        if ("network".equals(context.params().getString("scope"))) {
            DenseChain chain = DenseChain.of(context.encoder().state(), DESCRIPTOR.name());
            squared = chain.pathNormSquared(head, biases);
            c.put("layers", (double) chain.kernels().size() + 1);
        } else {
            c.put("layers", 1.0);
        }
        if (!Double.isFinite(squared)) {
            throw new IllegalArgumentException("path-norm: the squared path norm overflows a double");
        }
        c.put("path_norm_squared", squared);
        c.put("path_norm", Math.sqrt(squared));
        return new BoundEstimate(Math.sqrt(squared), c);
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
