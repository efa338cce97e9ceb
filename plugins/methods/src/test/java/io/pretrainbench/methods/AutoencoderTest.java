package io.pretrainbench.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.NonFiniteLossException;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.tck.PretrainingMethodContract;
import io.pretrainbench.tck.TckData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoencoderTest extends PretrainingMethodContract<Autoencoder> {
    @Override
    protected Autoencoder plugin() {
        return new Autoencoder();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("hidden", "32", "epochs", 1L, "batch_size", 64L);
    }

    @Test
    void reconstructionLossFallsAsItTrains() {
        List<Double> losses = new ArrayList<>();
        var params = plugin().descriptor().resolve(Map.of("hidden", "64,16", "epochs", 8L, "batch_size", 32L));
        plugin().pretrain(PretrainingContext.builder()
                .corpus(TckData.images(256, 4, 1).withoutLabels())
                .params(params)
                .compute(Compute.cpu(2))
                .progress((phase, step, total, loss) -> {
                    assertThat(phase).isEqualTo("pretrain");
                    assertThat(total).isEqualTo(8 * 8);
                    losses.add(loss);
                })
                .build());

        assertThat(losses).hasSize(64);
        double first = losses.subList(0, 8).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
        double last = losses.subList(56, 64).stream()
                .mapToDouble(Double::doubleValue)
                .average()
                .orElseThrow();
        assertThat(last).isLessThan(first * 0.5);
    }

    @Test
    void twoThreadTrainingsOfTheSameSeedGiveBitIdenticalWeights() {
        // The kit checks determinism on one thread; cells run on several, where a reduction split across threads could
        // in principle add in another order. Measured: TensorFlow's CPU kernels used here do not.
        var params = plugin().descriptor().resolve(Map.of("hidden", "64,16", "epochs", 2L, "batch_size", 32L));
        Examples corpus = TckData.images(512, 4, 3).withoutLabels();
        Encoder first = pretrain(corpus, params, 5, Compute.cpu(2));
        Encoder second = pretrain(corpus, params, 5, Compute.cpu(2));
        assertThat(second.state()).isEqualTo(first.state());
        assertThat(pretrain(corpus, params, 6, Compute.cpu(2)).state()).isNotEqualTo(first.state());
    }

    @Test
    void denoisingTrainsOnNoisyInputsAndStillLearnsToReconstruct() {
        List<Double> losses = new ArrayList<>();
        var params =
                plugin().descriptor().resolve(Map.of("hidden", "64,16", "epochs", 8L, "batch_size", 32L, "noise", 0.3));
        Encoder denoising = plugin().pretrain(PretrainingContext.builder()
                .corpus(TckData.images(256, 4, 1).withoutLabels())
                .params(params)
                .compute(Compute.cpu(2))
                .progress((phase, step, total, loss) -> losses.add(loss))
                .build());
        var plain = plugin().descriptor().resolve(Map.of("hidden", "64,16", "epochs", 8L, "batch_size", 32L));

        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) * 0.5);
        assertThat(denoising.state())
                .isNotEqualTo(pretrain(TckData.images(256, 4, 1).withoutLabels(), plain, 0, Compute.cpu(2))
                        .state());
    }

    @Test
    void aDivergingRunFailsWithNonFiniteLossThroughTheListener() {
        // A NaN pixel makes the first loss NaN: the run must stop there, not hand back NaN weights.
        float[] values = new float[64 * 784];
        values[100] = Float.NaN;
        Examples corrupt = Examples.unlabelled(values, 28, 28, 1);
        List<Double> losses = new ArrayList<>();
        assertThatThrownBy(() -> plugin().pretrain(PretrainingContext.builder()
                        .corpus(corrupt)
                        .params(parameters())
                        .progress((phase, step, total, loss) -> {
                            losses.add(loss);
                            ProgressListener.NONE.step(phase, step, total, loss);
                        })
                        .build()))
                .isInstanceOf(NonFiniteLossException.class)
                .hasMessageContaining("'pretrain' at step 1");
        assertThat(losses).hasSize(1);
    }

    @Test
    void aNanLearningRateNeverReachesTraining() {
        assertThatThrownBy(() -> plugin().descriptor().resolve(Map.of("learning_rate", Double.NaN)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("learning_rate")
                .hasMessageContaining("out of range");
    }

    @Test
    void aMalformedArchitectureSaysWhatIsValid() {
        var params = plugin().descriptor().resolve(Map.of("hidden", "256,,128"));
        assertThatThrownBy(() -> pretrain(TckData.images(8, 2, 1), params, 0, Compute.cpu(1)))
                .hasMessageContaining("parameter 'hidden'")
                .hasMessageContaining("'256,,128'")
                .hasMessageContaining("'256,128'");
    }

    @Test
    void hasTheSameArchitectureParameterAsScratch() {
        assertThat(plugin().descriptor().parameter("hidden"))
                .isEqualTo(new Scratch().descriptor().parameter("hidden"));
    }

    private Encoder pretrain(Examples corpus, Parameters params, long seed, Compute compute) {
        return plugin().pretrain(PretrainingContext.builder()
                .corpus(corpus)
                .params(params)
                .seed(seed)
                .compute(compute)
                .build());
    }
}
