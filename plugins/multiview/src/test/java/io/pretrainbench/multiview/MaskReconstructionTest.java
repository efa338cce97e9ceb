package io.pretrainbench.multiview;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.tck.PretrainingMethodContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskReconstructionTest extends PretrainingMethodContract<MaskReconstruction> {
    @Override
    protected MaskReconstruction plugin() {
        return new MaskReconstruction();
    }

    @Override
    protected Examples corpus() {
        return SmallMultiView.corpus(128, 0);
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("epochs", 1L, "batch_size", 32L, "kernels", 24L);
    }

    @Test
    void reconstructionLossFallsAsItTrains() {
        List<Double> losses = new ArrayList<>();
        var params = plugin().descriptor()
                .resolve(Map.of("epochs", 15L, "batch_size", 32L, "kernels", 40L, "learning_rate", 0.01));
        plugin().pretrain(PretrainingContext.builder()
                .corpus(SmallMultiView.corpus(256, 1))
                .params(params)
                .compute(Compute.cpu(2))
                .progress((phase, step, total, loss) -> {
                    assertThat(phase).isEqualTo("pretrain");
                    assertThat(total).isEqualTo(15 * 8);
                    losses.add(loss);
                })
                .build());
        assertThat(losses).hasSize(120);
        double first = losses.subList(0, 8).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
        double last = losses.subList(112, 120).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
        assertThat(last).isLessThan(first * 0.8);
    }

    @Test
    void preTrainingAlignsKernelsWithTheDataModelsFeatures() {
        // Known direction of the effect: random kernels have cosines ~ 1/√d with every feature; after MRP the best
        // kernel per feature is far more aligned than at initialisation.
        var params = plugin().descriptor()
                .resolve(Map.of("epochs", 15L, "batch_size", 32L, "kernels", 40L, "learning_rate", 0.01));
        Examples corpus = SmallMultiView.corpus(256, 1);
        Encoder trained = plugin().pretrain(PretrainingContext.builder()
                .corpus(corpus)
                .params(params)
                .compute(Compute.cpu(2))
                .progress((phase, step, total, loss) -> {})
                .build());
        PatchConvEncoder initial = PatchConvEncoder.initialise(corpus.shape(), params, 0);
        MultiViewData.Features features = MultiViewData.features(10, 2, 28, 1, true);
        double before = FeatureCoverage.coverage(initial.kernelRows(), features, 0.5, corpus)
                .components()
                .get("mean_cosine");
        double after = FeatureCoverage.coverage(((PatchConvEncoder) trained).kernelRows(), features, 0.5, corpus)
                .components()
                .get("mean_cosine");
        assertThat(after).isGreaterThan(before + 0.2);
    }

    @Test
    void twoThreadTrainingsOfTheSameSeedGiveBitIdenticalWeights() {
        var params = plugin().descriptor().resolve(fastParameters());
        Examples corpus = SmallMultiView.corpus(128, 2);
        Encoder first = pretrainOn(corpus, params, 5);
        assertThat(pretrainOn(corpus, params, 5).state()).isEqualTo(first.state());
        assertThat(pretrainOn(corpus, params, 6).state()).isNotEqualTo(first.state());
    }

    private Encoder pretrainOn(Examples corpus, io.pretrainbench.api.params.Parameters params, long seed) {
        return plugin().pretrain(PretrainingContext.builder()
                .corpus(corpus)
                .params(params)
                .seed(seed)
                .compute(Compute.cpu(2))
                .progress((phase, step, total, loss) -> {})
                .build());
    }
}
