package io.pretrainbench.tck.selftest;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.FineTuningProtocol;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.params.ParameterSpec;
import java.util.List;

/**
 * A correct protocol: the nearest-class-mean classifier on frozen features, which is a linear head (kernel column c =
 * μ_c, bias c = −‖μ_c‖²/2, since argmin_c ‖x − μ_c‖² = argmax_c x·μ_c − ‖μ_c‖²/2). Risk is the softmax cross-entropy of
 * those logits divided by {@code temperature}.
 */
public class NearestMeanProtocol implements FineTuningProtocol {
    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "nearest-class-mean",
                "1.0.0",
                "Nearest class mean on frozen features.",
                SpiVersion.CURRENT,
                List.of(ParameterSpec.real("temperature", 1.0, 1e-3, 1e3, "softmax temperature of the reported risk")));
    }

    @Override
    public FineTuneResult fineTune(FineTuningContext context) {
        context.cancellation().checkpoint();
        int k = context.numClasses();
        FeatureMatrix train = EncoderFeatures.compute(context.encoder(), context.train(), context.compute(), 64);
        int d = train.columns();
        float[] kernel = new float[d * k];
        int[] counts = new int[k];
        int[] labels = context.train().labels();
        for (int i = 0; i < train.rows(); i++) {
            counts[labels[i]]++;
            for (int j = 0; j < d; j++) {
                kernel[j * k + labels[i]] += train.get(i, j);
            }
        }
        float[] bias = new float[k];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                kernel[j * k + c] /= Math.max(1, counts[c]);
                bias[c] -= kernel[j * k + c] * kernel[j * k + c] / 2;
            }
        }
        Head head = LinearHead.of(d, k, kernel, bias).toHead();
        double temperature = context.params().getDouble("temperature");
        double[] onTrain = evaluate(train, labels, kernel, bias, k, temperature);
        double[] onTest = evaluate(context, context.test(), kernel, bias, temperature);
        double validation = context.validation().count() == 0
                ? Double.NaN
                : evaluate(context, context.validation(), kernel, bias, temperature)[0];
        return new FineTuneResult(
                context.encoder(), head, new Metrics(onTrain[0], onTest[0], onTrain[1], onTest[1], validation));
    }

    private static double[] evaluate(
            FineTuningContext context, Examples examples, float[] kernel, float[] bias, double temperature) {
        FeatureMatrix x = EncoderFeatures.compute(context.encoder(), examples, context.compute(), 64);
        return evaluate(x, examples.labels(), kernel, bias, context.numClasses(), temperature);
    }

    /** {accuracy, mean cross-entropy}. */
    private static double[] evaluate(
            FeatureMatrix x, int[] labels, float[] kernel, float[] bias, int k, double temperature) {
        int correct = 0;
        double loss = 0;
        double[] z = new double[k];
        for (int i = 0; i < x.rows(); i++) {
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                z[c] = bias[c];
                for (int j = 0; j < x.columns(); j++) {
                    z[c] += (double) x.get(i, j) * kernel[j * k + c];
                }
                z[c] /= temperature;
                if (z[c] > max) {
                    max = z[c];
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(z[c] - max);
            }
            loss += Math.log(sum) + max - z[labels[i]];
            correct += best == labels[i] ? 1 : 0;
        }
        return new double[] {(double) correct / x.rows(), loss / x.rows()};
    }
}
