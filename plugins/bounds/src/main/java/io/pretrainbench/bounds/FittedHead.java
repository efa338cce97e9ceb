package io.pretrainbench.bounds;

import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import java.util.Arrays;

/**
 * A cell's fitted linear head ({@link Head#asLinear()}), checked against the cell and unpacked for the estimators'
 * arithmetic: kernel {@code [d, k]} row-major (the weight of feature j for class c is {@code kernel[j·k + c]}) and bias
 * {@code [k]}. Shared by the estimators that read the head, so that all of them refuse a head they cannot read with the
 * same message.
 */
record FittedHead(int d, int k, float[] kernel, float[] bias) {
    /**
     * @param estimator the asking estimator's name, for the error messages
     * @throws IllegalArgumentException if the head is not {@value Head#LINEAR} or does not fit the cell
     */
    static FittedHead of(EstimationContext context, String estimator) {
        if (!Head.LINEAR.equals(context.head().architecture())) {
            throw new IllegalArgumentException(estimator + " needs a '" + Head.LINEAR + "' head (kernel and bias),"
                    + " got '" + context.head().architecture()
                    + "'; use a protocol that fits a linear head, such as linear-probe");
        }
        LinearHead head;
        try {
            head = context.head().asLinear();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(estimator + ": " + e.getMessage(), e);
        }
        int d = context.trainFeatures().columns();
        int k = context.numClasses();
        if (head.featureDim() != d || head.numClasses() != k) {
            throw new IllegalArgumentException(estimator + ": head kernel "
                    + Arrays.toString(head.kernel().shape())
                    + " and bias " + Arrays.toString(head.bias().shape()) + " do not fit " + d + " features and " + k
                    + " classes; expected kernel [" + d + ", " + k + "] and bias [" + k + "]");
        }
        if (context.train().count() != context.trainFeatures().rows()) {
            throw new IllegalArgumentException(
                    estimator + ": " + context.train().count() + " training examples but "
                            + context.trainFeatures().rows() + " feature rows");
        }
        return new FittedHead(d, k, head.kernel().values(), head.bias().values());
    }

    double frobeniusNorm() {
        return Math.sqrt(SignedSums.sumOfSquares(kernel));
    }

    /** max_c ‖w_c‖₂: the smallest B with every class score x ↦ w_c·x in {‖w‖₂ ≤ B}. */
    double maxClassNorm() {
        double max = 0;
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                double w = kernel[j * k + c];
                s += w * w;
            }
            max = Math.max(max, Math.sqrt(s));
        }
        return max;
    }

    double maxAbsBias() {
        double max = 0;
        for (float b : bias) {
            max = Math.max(max, Math.abs(b));
        }
        return max;
    }

    /** Scores {@code x·kernel + bias}, one row of {@code k} per row of {@code x}. */
    double[][] logits(FeatureMatrix x) {
        return logits(x, kernel, bias);
    }

    /** Scores of another head of this shape (for example a perturbed copy). */
    double[][] logits(FeatureMatrix x, float[] otherKernel, float[] otherBias) {
        double[][] z = new double[x.rows()][k];
        for (int i = 0; i < x.rows(); i++) {
            double[] row = z[i];
            for (int c = 0; c < k; c++) {
                row[c] = otherBias[c];
            }
            for (int j = 0; j < d; j++) {
                double v = x.get(i, j);
                if (v != 0) {
                    for (int c = 0; c < k; c++) {
                        row[c] += v * otherKernel[j * k + c];
                    }
                }
            }
        }
        return z;
    }

    /** Multi-class margins h(x_i, y_i) − max_{y ≠ y_i} h(x_i, y). */
    double[] margins(FeatureMatrix x, int[] labels) {
        return margins(logits(x), labels);
    }

    static double[] margins(double[][] logits, int[] labels) {
        double[] margins = new double[logits.length];
        for (int i = 0; i < logits.length; i++) {
            double other = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < logits[i].length; c++) {
                if (c != labels[i]) {
                    other = Math.max(other, logits[i][c]);
                }
            }
            margins[i] = logits[i][labels[i]] - other;
        }
        return margins;
    }
}
