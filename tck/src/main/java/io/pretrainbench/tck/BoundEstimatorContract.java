package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.PluginUse;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.params.Parameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link BoundEstimator}, on a small synthetic cell ({@link #context}): a finite estimate with
 * non-empty, finite components, equal for equal seeds.
 */
public abstract class BoundEstimatorContract<T extends BoundEstimator> extends PluginContract<T> {
    private static final int CLASSES = 3;
    private static final int FEATURES = 8;

    /**
     * A cell as a bound estimator sees it: the kit's encoder (8 features), 60 synthetic training examples of 3 classes,
     * a random linear head, and that head's measured train and test accuracy and cross-entropy. As after a linear
     * probe, the pre-trained encoder is the encoder itself; its pre-training curve is a decreasing loss over 20 steps.
     */
    protected EstimationContext context(long seed) {
        TckEncoder encoder = TckEncoder.random(TckData.SHAPE, FEATURES, 9);
        Examples train = TckData.images(60, CLASSES, 4);
        Examples test = TckData.images(60, CLASSES, 5);
        Random random = new Random(13);
        float[] kernel = new float[FEATURES * CLASSES];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float) random.nextGaussian();
        }
        float[] bias = {0.1f, -0.2f, 0.1f};
        Head head = LinearHead.of(FEATURES, CLASSES, kernel, bias).toHead();
        FeatureMatrix trainFeatures = EncoderFeatures.compute(encoder, train, Compute.cpu(1), 32);
        double[] onTrain = measure(trainFeatures, train.labels(), kernel, bias);
        double[] onTest =
                measure(EncoderFeatures.compute(encoder, test, Compute.cpu(1), 32), test.labels(), kernel, bias);
        List<Double> pretrainCurve = new ArrayList<>();
        for (int step = 0; step < 20; step++) {
            pretrainCurve.add(0.05 + 0.5 / (1 + step));
        }
        return EstimationContext.builder()
                .encoder(encoder)
                .head(head)
                .train(train)
                .trainFeatures(trainFeatures)
                .numClasses(CLASSES)
                .metrics(new Metrics(onTrain[0], onTest[0], onTrain[1], onTest[1], Double.NaN))
                .params(parameters())
                .seed(seed)
                .pretrainedEncoder(encoder)
                .pretrainCurve(pretrainCurve)
                .task(new PluginUse("tck-task", Parameters.empty()))
                .corpus(new PluginUse("tck-corpus", Parameters.empty()))
                .build();
    }

    /** Accuracy and mean softmax cross-entropy of the linear head {@code x·kernel + bias}. */
    private static double[] measure(FeatureMatrix x, int[] labels, float[] kernel, float[] bias) {
        int correct = 0;
        double loss = 0;
        double[] z = new double[CLASSES];
        for (int i = 0; i < x.rows(); i++) {
            int best = 0;
            for (int c = 0; c < CLASSES; c++) {
                z[c] = bias[c];
                for (int j = 0; j < FEATURES; j++) {
                    z[c] += (double) x.get(i, j) * kernel[j * CLASSES + c];
                }
                best = z[c] > z[best] ? c : best;
            }
            double sum = 0;
            for (double v : z) {
                sum += Math.exp(v - z[best]);
            }
            loss += Math.log(sum) + z[best] - z[labels[i]];
            correct += best == labels[i] ? 1 : 0;
        }
        return new double[] {(double) correct / x.rows(), loss / x.rows()};
    }

    @Test
    void estimateAndComponentsAreFinite() {
        BoundEstimate estimate = instance().estimate(context(1));
        assertThat(estimate.value()).isFinite();
        assertThat(estimate.components()).isNotEmpty();
        estimate.components().forEach((name, v) -> assertThat(v).as(name).isFinite());
    }

    @Test
    void isDeterministicForAFixedSeed() {
        assertThat(instance().estimate(context(2)))
                .as("a second estimate with the same seed")
                .isEqualTo(instance().estimate(context(2)));
    }

    @Override
    protected final Class<T> kind() {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) BoundEstimator.class;
        return type;
    }
}
