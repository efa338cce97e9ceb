package io.pretrainbench.api.study;

import java.util.List;

/**
 * The law of sum_j w_j Z_j^2 with Z_j independent standard normals: the limit law of ||L(Z)||^2 (a Gaussian vector's
 * squared norm under a linear map is one, with weights the eigenvalues of its covariance).
 *
 * @param weights the non-negative weights w_j, one per chi^2_1 variable
 */
public record WeightedChiSquare(List<Double> weights) {
    public WeightedChiSquare {
        weights = List.copyOf(weights);
        for (double w : weights) {
            if (!(w >= 0)) {
                throw new IllegalArgumentException("chi-square weights must be >= 0, got " + weights);
            }
        }
    }

    /** E = sum_j w_j. */
    public double mean() {
        return weights.stream().mapToDouble(Double::doubleValue).sum();
    }
}
