package io.pretrainbench.bounds;

import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An encoder read as what the norm-based bounds are stated for: a chain of dense layers x ↦ ReLU(x·K_l + b_l), kernels
 * {@code [in, out]}. Two architectures have that form: {@code mlp} (weights {@code layer<i>/kernel} and
 * {@code layer<i>/bias}, built-in) and {@code tck-projection} (one kernel {@code w}, no bias: the conformance kit's
 * encoder). Convolutions, attention and pooling are not dense chains; for those, {@link #of} says so.
 *
 * @param kernels row-major {@code [in, out]} matrices, input layer first
 * @param biases one per kernel, {@code null} where the layer has none
 */
record DenseChain(List<Matrix> kernels, List<float[]> biases) {
    /** The architectures {@link #of} reads. */
    static final Set<String> ARCHITECTURES = Set.of("mlp", "tck-projection");

    /** A row-major {@code rows × columns} matrix. */
    record Matrix(int rows, int columns, float[] values) {
        static Matrix of(WeightTensor t) {
            long[] shape = t.shape();
            if (shape.length != 2) {
                throw new IllegalArgumentException("not a matrix: " + t);
            }
            return new Matrix((int) shape[0], (int) shape[1], t.values());
        }

        double get(int row, int column) {
            return values[row * columns + column];
        }

        double frobeniusNorm() {
            return Math.sqrt(SignedSums.sumOfSquares(values));
        }

        /**
         * ‖Kᵀ‖_{2,1} in Bartlett et al.'s notation for the layer map x ↦ Aᵀ… with A = Kᵀ: the sum over output units of
         * the ℓ2 norm of their incoming weights (the columns of K).
         */
        double columnNormSum() {
            double total = 0;
            for (int c = 0; c < columns; c++) {
                double s = 0;
                for (int r = 0; r < rows; r++) {
                    double v = get(r, c);
                    s += v * v;
                }
                total += Math.sqrt(s);
            }
            return total;
        }

        Matrix minus(Matrix other) {
            if (other.rows != rows || other.columns != columns) {
                throw new IllegalArgumentException(rows + "×" + columns + " minus " + other.rows + "×" + other.columns);
            }
            float[] out = new float[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = values[i] - other.values[i];
            }
            return new Matrix(rows, columns, out);
        }

        /**
         * The spectral norm σ_max by power iteration on KᵀK from a seeded random start, until the estimate changes by
         * less than 1e-12 relatively (or 10 000 steps). Power iteration converges to σ_max from any start with a
         * component along the top right-singular vector, which a random start has with probability 1.
         */
        double spectralNorm() {
            double[] v = new double[columns];
            SplittableRandom random = new SplittableRandom(columns * 31L + rows);
            for (int c = 0; c < columns; c++) {
                v[c] = random.nextDouble() - 0.5;
            }
            double[] u = new double[rows];
            double previous = -1;
            double estimate = 0;
            for (int step = 0; step < 10_000; step++) {
                double norm = Math.sqrt(SignedSums.sumOfSquares(v));
                if (norm == 0) {
                    return 0;
                }
                for (int c = 0; c < columns; c++) {
                    v[c] /= norm;
                }
                for (int r = 0; r < rows; r++) { // u = K v
                    double s = 0;
                    for (int c = 0; c < columns; c++) {
                        s += get(r, c) * v[c];
                    }
                    u[r] = s;
                }
                estimate = Math.sqrt(SignedSums.sumOfSquares(u)); // ‖K v‖ with ‖v‖ = 1, increasing towards σ_max
                for (int c = 0; c < columns; c++) { // v = Kᵀ u
                    double s = 0;
                    for (int r = 0; r < rows; r++) {
                        s += get(r, c) * u[r];
                    }
                    v[c] = s;
                }
                if (Math.abs(estimate - previous) <= 1e-12 * estimate) {
                    break;
                }
                previous = estimate;
            }
            return estimate;
        }
    }

    /**
     * The encoder of {@code state} as a dense chain.
     *
     * @param estimator the asking estimator's name, for the error message
     * @throws IllegalArgumentException if the architecture is not one of {@link #ARCHITECTURES}
     */
    static DenseChain of(EncoderState state, String estimator) {
        Weights w = state.weights();
        List<Matrix> kernels = new ArrayList<>();
        List<float[]> biases = new ArrayList<>();
        switch (state.architecture()) {
            case "mlp" -> {
                for (int i = 0; w.tensors().containsKey("layer" + i + "/kernel"); i++) {
                    kernels.add(Matrix.of(w.get("layer" + i + "/kernel")));
                    biases.add(w.get("layer" + i + "/bias").values());
                }
            }
            case "tck-projection" -> {
                kernels.add(Matrix.of(w.get("w")));
                biases.add(null);
            }
            default -> throw new IllegalArgumentException(estimator + " needs an encoder that is a chain of dense ReLU"
                    + " layers (architectures " + new java.util.TreeSet<>(ARCHITECTURES) + "), got '"
                    + state.architecture()
                    + "', whose weights are not the layer maps the bound is stated for");
        }
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException(estimator + ": the " + state.architecture() + " encoder has no layers");
        }
        for (int i = 1; i < kernels.size(); i++) {
            if (kernels.get(i).rows() != kernels.get(i - 1).columns()) {
                throw new IllegalArgumentException(estimator + ": layer " + i + " expects "
                        + kernels.get(i).rows() + " inputs but layer " + (i - 1) + " gives "
                        + kernels.get(i - 1).columns());
            }
        }
        return new DenseChain(List.copyOf(kernels), java.util.Collections.unmodifiableList(biases));
    }

    /**
     * The squared ℓ2 path norm Σ_paths Π w² of this chain followed by the linear head, by one forward pass of the
     * squared weights on an all-ones input (Neyshabur, Tomioka &amp; Srebro 2015; the form used by Jiang et al. 2020,
     * "path-norm"): with non-negative inputs and weights every ReLU is the identity, so the pass sums the products of
     * squared weights along all input-to-output paths. With {@code biases}, each bias is a weight from a constant unit,
     * so its paths count too (Jiang et al. square every parameter).
     */
    double pathNormSquared(FittedHead head, boolean withBiases) {
        double[] v = new double[kernels.get(0).rows()];
        java.util.Arrays.fill(v, 1);
        for (int l = 0; l < kernels.size(); l++) {
            v = squaredLayer(v, kernels.get(l).values(), kernels.get(l).columns(), withBiases ? biases.get(l) : null);
        }
        double[] out = squaredLayer(v, head.kernel(), head.k(), withBiases ? head.bias() : null);
        double total = 0;
        for (double o : out) {
            total += o;
        }
        return total;
    }

    /** v ↦ v·K² + b² for row-major K with {@code columns} columns. */
    static double[] squaredLayer(double[] v, float[] kernel, int columns, float[] bias) {
        double[] out = new double[columns];
        for (int r = 0; r < v.length; r++) {
            if (v[r] != 0) {
                for (int c = 0; c < columns; c++) {
                    double w = kernel[r * columns + c];
                    out[c] += v[r] * w * w;
                }
            }
        }
        if (bias != null) {
            for (int c = 0; c < columns; c++) {
                out[c] += (double) bias[c] * bias[c];
            }
        }
        return out;
    }
}
