package io.pretrainbench.bounds;

import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.tck.TckEncoder;
import java.util.List;
import java.util.Map;

/**
 * Small cells whose every number can be worked out by hand: 2-d inputs, the kit's projection encoder ReLU(x·W) with a
 * chosen W, and a chosen linear head.
 */
final class HandCells {
    private HandCells() {}

    /** The kit's encoder on 2-d inputs with kernel {@code w} (row-major 2 × columns). */
    static TckEncoder encoder(int columns, float... w) {
        return TckEncoder.restore(new EncoderState(
                TckEncoder.ARCHITECTURE,
                Map.of("input_shape", "2"),
                new Weights(Map.of("w", new WeightTensor(new long[] {2, columns}, w)))));
    }

    static Head linear(int d, int k, float[] kernel, float[] bias) {
        return LinearHead.of(d, k, kernel, bias).toHead();
    }

    /** ReLU(x·W) for 2-d rows x, computed here in plain Java. */
    static float[] features(float[] inputs, float[] w, int columns) {
        int n = inputs.length / 2;
        float[] out = new float[n * columns];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < columns; c++) {
                out[i * columns + c] = Math.max(0, inputs[2 * i] * w[c] + inputs[2 * i + 1] * w[columns + c]);
            }
        }
        return out;
    }

    /**
     * A cell on 2-d inputs; its features are ReLU(x·W) of the encoder; the pre-trained encoder is {@code pretrained}.
     */
    static EstimationContext cell(
            TckEncoder encoder,
            TckEncoder pretrained,
            Head head,
            float[] inputs,
            int[] labels,
            int classes,
            Parameters params,
            List<Double> curve) {
        float[] w = encoder.state().weights().get("w").values();
        int columns = encoder.featureDim();
        float[] features = features(inputs, w, columns);
        return EstimationContext.builder()
                .encoder(encoder)
                .head(head)
                .train(Examples.labelled(inputs, labels, 2))
                .trainFeatures(new FeatureMatrix(labels.length, columns, features))
                .numClasses(classes)
                .metrics(new Metrics(1, 1, 0, 0, Double.NaN))
                .params(params)
                .seed(3)
                .pretrainedEncoder(pretrained)
                .pretrainCurve(curve)
                .build();
    }
}
