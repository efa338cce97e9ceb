package io.pretrainbench.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.tck.PretrainingMethodContract;
import io.pretrainbench.tck.TckData;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MaeRadRegTest extends PretrainingMethodContract<MaeRadReg> {
    private static final Examples CORPUS = TckData.images(256, 4, 1).withoutLabels();

    @Override
    protected MaeRadReg plugin() {
        return new MaeRadReg();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of(
                "patch",
                7L,
                "width",
                16L,
                "depth",
                1L,
                "heads",
                2L,
                "decoder_width",
                16L,
                "epochs",
                1L,
                "batch_size",
                64L,
                "radreg_batch",
                16L);
    }

    private Encoder train(double lambda) {
        Map<String, Object> values = new HashMap<>(fastParameters());
        values.put("epochs", 3L);
        values.put("warmup_epochs", 0.0);
        values.put("learning_rate", 0.01); // Adam moves each weight by about the rate per step, whatever λ
        values.put("radreg_lambda", lambda);
        return plugin().pretrain(PretrainingContext.builder()
                .corpus(CORPUS)
                .params(plugin().descriptor().resolve(values))
                .compute(Compute.cpu(2))
                .build());
    }

    @Test
    void withoutTheTermItTrainsExactlyLikeMae() {
        Encoder radReg = train(0);
        Encoder mae = new MaskedAutoencoder()
                .pretrain(PretrainingContext.builder()
                        .corpus(CORPUS)
                        .params(new MaskedAutoencoder()
                                .descriptor()
                                .resolve(Map.of(
                                        "patch",
                                        7L,
                                        "width",
                                        16L,
                                        "depth",
                                        1L,
                                        "heads",
                                        2L,
                                        "decoder_width",
                                        16L,
                                        "epochs",
                                        3L,
                                        "batch_size",
                                        64L,
                                        "warmup_epochs",
                                        0.0,
                                        "learning_rate",
                                        0.01)))
                        .compute(Compute.cpu(2))
                        .build());
        assertThat(radReg.state().weights()).isEqualTo(mae.state().weights());
    }

    @Test
    void theTermLowersTheRepresentationsRademacherCorrelation() {
        double plain = rademacherCorrelation(train(0));
        double regularised = rademacherCorrelation(train(50));
        assertThat(regularised).isLessThan(plain * 0.7);
    }

    @Test
    void refusesADivergentAscentNamingTheKey() {
        Map<String, Object> values = new HashMap<>(fastParameters());
        values.put("radreg_inner_rate", 5.0);
        values.put("radreg_mu", 1.0);
        assertThatThrownBy(() -> plugin().pretrain(PretrainingContext.builder()
                        .corpus(CORPUS)
                        .params(plugin().descriptor().resolve(values))
                        .build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("radreg_inner_rate");
    }

    /** E_σ ‖(1/n) Σ σ_i h(x_i)‖ over 200 sign draws, on the corpus images. */
    private static double rademacherCorrelation(Encoder encoder) {
        FeatureMatrix features = EncoderFeatures.compute(encoder, CORPUS, Compute.cpu(2), 256);
        SplittableRandom random = new SplittableRandom(5);
        int n = features.rows();
        int d = features.columns();
        double total = 0;
        for (int draw = 0; draw < 200; draw++) {
            double[] v = new double[d];
            for (int i = 0; i < n; i++) {
                double sign = random.nextBoolean() ? 1 : -1;
                for (int j = 0; j < d; j++) {
                    v[j] += sign * features.get(i, j) / n;
                }
            }
            double norm = 0;
            for (double x : v) {
                norm += x * x;
            }
            total += Math.sqrt(norm);
        }
        return total / 200;
    }
}
