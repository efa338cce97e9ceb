package io.pretrainbench.bounds;

import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import java.util.Arrays;

/**
 * What the margin bounds ({@code rademacher-linear}, {@code deng-bound}, {@code spectral-margin}) share: the margin
 * they are evaluated at, fixed in advance by {@code margin} or, when that is 0, the {@code margin_quantile} quantile of
 * the positive training margins; and the confidence parameter {@code delta} of every bound here.
 */
final class Margins {
    /** The margin when no training margin is positive: the bound is then vacuous, but stays finite and recordable. */
    static final double VACUOUS = 1e-6;

    static final ParameterSpec DELTA = ParameterSpec.real(
            "delta", 0.05, 1e-6, 0.5, "confidence parameter: the bound holds with probability 1 - delta");

    private Margins() {}

    /** The {@code margin} parameter {@link #chosen} reads, for a bound whose margin is written {@code symbol}. */
    static ParameterSpec margin(String symbol) {
        return ParameterSpec.real(
                "margin",
                0.0,
                0.0,
                1e6,
                "margin " + symbol + " in logit units; 0 = the margin_quantile quantile of positive training margins");
    }

    /** The {@code margin_quantile} parameter {@link #chosen} reads when {@code margin} is 0. */
    static ParameterSpec marginQuantile(String symbol) {
        return ParameterSpec.real(
                "margin_quantile",
                0.1,
                0.001,
                0.999,
                "when margin is 0: " + symbol + " = this quantile of the positive training margins");
    }

    /** {@code margin}, or the {@code margin_quantile} quantile of the positive {@code trainMargins} when it is 0. */
    static double chosen(Parameters p, double[] trainMargins) {
        return p.getDouble("margin") > 0
                ? p.getDouble("margin")
                : positiveQuantile(trainMargins, p.getDouble("margin_quantile"));
    }

    /**
     * The q-quantile of the positive margins (the value at index ⌊q·count⌋ of the sorted positive margins), as is
     * common when evaluating margin bounds (Bartlett, Foster &amp; Telgarsky 2017); {@link #VACUOUS} when no margin is
     * positive.
     */
    static double positiveQuantile(double[] margins, double q) {
        double[] positive = Arrays.stream(margins).filter(m -> m > 0).sorted().toArray();
        if (positive.length == 0) {
            return VACUOUS;
        }
        return positive[Math.min(positive.length - 1, (int) Math.floor(q * positive.length))];
    }
}
