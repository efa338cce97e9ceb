package io.pretrainbench.protocols;

import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.LinearHead;

/**
 * A softmax-linear head's accuracy and mean cross-entropy (nats) on a feature matrix, evaluated in Java: cheap next to
 * the encoder, and exact (double accumulation).
 */
record HeadEvaluation(double accuracy, double risk) {

    static HeadEvaluation of(LinearHead head, FeatureMatrix features, int[] labels) {
        if (features.rows() == 0) {
            return new HeadEvaluation(Double.NaN, Double.NaN);
        }
        int inputs = head.featureDim();
        int classes = head.numClasses();
        float[] kernel = head.kernel().values();
        float[] bias = head.bias().values();
        float[] x = features.values();
        int correct = 0;
        double loss = 0;
        double[] logits = new double[classes];
        for (int i = 0; i < features.rows(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            int argmax = 0;
            for (int k = 0; k < classes; k++) {
                double z = bias[k];
                for (int j = 0; j < inputs; j++) {
                    z += (double) x[i * inputs + j] * kernel[j * classes + k];
                }
                logits[k] = z;
                if (z > max) {
                    max = z;
                    argmax = k;
                }
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[k] - max);
            }
            loss += Math.log(sum) + max - logits[labels[i]];
            if (argmax == labels[i]) {
                correct++;
            }
        }
        return new HeadEvaluation((double) correct / features.rows(), loss / features.rows());
    }
}
