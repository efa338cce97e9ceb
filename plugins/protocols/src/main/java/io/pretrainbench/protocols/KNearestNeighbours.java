package io.pretrainbench.protocols;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.FineTuningProtocol;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import java.util.List;
import java.util.Map;

/**
 * k-nearest-neighbour classification on frozen features (cosine similarity of L2-normalised features, votes weighted by
 * similarity), the evaluation under which published MAE features look weakest. No parameters are fitted, so the head is
 * {@code none}; the training accuracy is leave-one-out, and risks are not defined (NaN).
 */
public final class KNearestNeighbours implements FineTuningProtocol {
    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "knn",
                "1.0.0",
                "k-nearest neighbours on frozen, L2-normalised features (cosine similarity, similarity-weighted vote).",
                SpiVersion.CURRENT,
                List.of(ParameterSpec.integer("k", 20, 1, 1000, "neighbours that vote")));
    }

    @Override
    public FineTuneResult fineTune(FineTuningContext context) {
        context.cancellation().checkpoint();
        FeatureMatrix train =
                normalised(EncoderFeatures.compute(context.encoder(), context.train(), context.compute(), 256));
        FeatureMatrix test =
                normalised(EncoderFeatures.compute(context.encoder(), context.test(), context.compute(), 256));
        int[] trainLabels = context.train().labels();
        int k = context.params().getInt("k");
        double trainAccuracy = accuracy(train, trainLabels, train, trainLabels, k, true, context.numClasses());
        double testAccuracy =
                accuracy(train, trainLabels, test, context.test().labels(), k, false, context.numClasses());
        return new FineTuneResult(
                context.encoder(),
                new Head(Head.NONE, new Weights(Map.of())),
                new Metrics(trainAccuracy, testAccuracy, Double.NaN, Double.NaN, Double.NaN));
    }

    static double accuracy(
            FeatureMatrix reference,
            int[] referenceLabels,
            FeatureMatrix queries,
            int[] labels,
            int k,
            boolean leaveOneOut,
            int classes) {
        int correct = 0;
        float[] r = reference.values();
        float[] q = queries.values();
        int d = reference.columns();
        int neighbours = Math.min(k, reference.rows() - (leaveOneOut ? 1 : 0));
        for (int i = 0; i < queries.rows(); i++) {
            double[] best = new double[neighbours];
            int[] bestIndex = new int[neighbours];
            java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
            for (int j = 0; j < reference.rows(); j++) {
                if (leaveOneOut && i == j) {
                    continue;
                }
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += (double) q[i * d + c] * r[j * d + c];
                }
                int slot = neighbours - 1;
                if (neighbours == 0 || s <= best[slot]) {
                    continue;
                }
                while (slot > 0 && best[slot - 1] < s) {
                    best[slot] = best[slot - 1];
                    bestIndex[slot] = bestIndex[slot - 1];
                    slot--;
                }
                best[slot] = s;
                bestIndex[slot] = j;
            }
            double[] votes = new double[classes];
            for (int n = 0; n < neighbours; n++) {
                votes[referenceLabels[bestIndex[n]]] += 1 + best[n]; // similarity in [-1, 1]: weights stay positive
            }
            int predicted = 0;
            for (int c = 1; c < classes; c++) {
                if (votes[c] > votes[predicted]) {
                    predicted = c;
                }
            }
            if (predicted == labels[i]) {
                correct++;
            }
        }
        return queries.rows() == 0 ? Double.NaN : (double) correct / queries.rows();
    }

    private static FeatureMatrix normalised(FeatureMatrix f) {
        float[] v = f.values();
        int d = f.columns();
        for (int i = 0; i < f.rows(); i++) {
            double norm = 0;
            for (int c = 0; c < d; c++) {
                norm += (double) v[i * d + c] * v[i * d + c];
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int c = 0; c < d; c++) {
                v[i * d + c] *= (float) scale;
            }
        }
        return new FeatureMatrix(f.rows(), d, v);
    }
}
