package io.pretrainbench.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.tck.TckData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PretrainingCheckpointTest {
    private static final Examples CORPUS = TckData.images(256, 4, 7).withoutLabels();
    private static final Map<String, Object> AUTOENCODER = Map.of("hidden", "32,8", "batch_size", 64L);
    private static final Map<String, Object> MAE =
            Map.of("patch", 7L, "width", 16L, "depth", 1L, "heads", 2L, "decoder_width", 16L, "batch_size", 64L);

    /** An encoder and the loss curve its pre-training reported. */
    private record Run(Encoder encoder, List<Double> curve) {
        double heldoutLoss() {
            return Double.parseDouble(encoder.state().config().get(EncoderState.PRETRAIN_HELDOUT_LOSS));
        }
    }

    private static Run pretrain(PretrainingMethod method, Examples corpus, Map<String, Object> base, Object... more) {
        Map<String, Object> params = new HashMap<>(base);
        for (int i = 0; i < more.length; i += 2) {
            params.put((String) more[i], more[i + 1]);
        }
        List<Double> curve = new ArrayList<>();
        Encoder encoder = method.pretrain(PretrainingContext.builder()
                .corpus(corpus)
                .params(method.descriptor().resolve(params))
                .seed(3)
                .compute(Compute.cpu(2))
                .progress((phase, step, total, loss) -> curve.add(loss))
                .build());
        return new Run(encoder, curve);
    }

    @Test
    void aCheckpointIsTheFullRunStoppedAtThatEpoch() {
        Autoencoder autoencoder = new Autoencoder();
        Run full = pretrain(autoencoder, CORPUS, AUTOENCODER, "epochs", 3L);
        Run second = pretrain(autoencoder, CORPUS, AUTOENCODER, "epochs", 3L, "checkpoint_epoch", 2L);
        Run last = pretrain(autoencoder, CORPUS, AUTOENCODER, "epochs", 3L, "checkpoint_epoch", 3L);

        int stepsPerEpoch = CORPUS.count() / 64;
        assertThat(second.curve()).isEqualTo(full.curve().subList(0, 2 * stepsPerEpoch));
        assertThat(last.curve()).isEqualTo(full.curve());
        assertThat(last.encoder().state()).isEqualTo(full.encoder().state());
        // The autoencoder's learning rate is constant, so a 2-epoch run is the 3-epoch run's first two epochs: the
        // checkpoint's weights must be its weights, bit for bit.
        Run twoEpochs = pretrain(autoencoder, CORPUS, AUTOENCODER, "epochs", 2L);
        assertThat(second.encoder().state()).isEqualTo(twoEpochs.encoder().state());
    }

    @Test
    void aCheckpointKeepsTheFullRunsLearningRateSchedule() {
        // MAE's cosine decay spans the planned run, so stopping after epoch 1 of 2 follows the 2-epoch schedule (same
        // losses as the full run's first epoch), which a 1-epoch run does not.
        MaskedAutoencoder mae = new MaskedAutoencoder();
        Examples corpus = CORPUS.first(192);
        Run full = pretrain(mae, corpus, MAE, "epochs", 2L, "warmup_epochs", 0.0);
        Run first = pretrain(mae, corpus, MAE, "epochs", 2L, "warmup_epochs", 0.0, "checkpoint_epoch", 1L);
        Run oneEpoch = pretrain(mae, corpus, MAE, "epochs", 1L, "warmup_epochs", 0.0);

        assertThat(first.curve()).isEqualTo(full.curve().subList(0, 3));
        assertThat(first.encoder().state()).isNotEqualTo(oneEpoch.encoder().state());
    }

    @Test
    void heldOutExamplesAreKeptOutOfTrainingAndTheirLossIsRecordedInTheEncoder() {
        Autoencoder autoencoder = new Autoencoder();
        Run heldout = pretrain(autoencoder, CORPUS, AUTOENCODER, "epochs", 2L, "heldout", 64L);
        Run onTheRest = pretrain(autoencoder, CORPUS.first(192), AUTOENCODER, "epochs", 2L);

        assertThat(heldout.encoder().state().weights())
                .isEqualTo(onTheRest.encoder().state().weights());
        assertThat(onTheRest.encoder().state().config()).doesNotContainKey(EncoderState.PRETRAIN_HELDOUT_LOSS);
        assertThat(heldout.heldoutLoss()).isPositive().isFinite();
        assertThat(pretrain(autoencoder, CORPUS, AUTOENCODER, "epochs", 2L, "heldout", 64L)
                        .heldoutLoss())
                .isEqualTo(heldout.heldoutLoss());
        // Fitting the training examples better fits unseen ones of the same distribution better too.
        assertThat(pretrain(autoencoder, CORPUS, AUTOENCODER, "epochs", 8L, "heldout", 64L)
                        .heldoutLoss())
                .isLessThan(heldout.heldoutLoss());
    }

    @Test
    void theHeldOutLossSurvivesTheEncoderCacheAndFineTuning() {
        Autoencoder autoencoder = new Autoencoder();
        Encoder trained = pretrain(autoencoder, CORPUS, AUTOENCODER, "epochs", 1L, "heldout", 64L)
                .encoder();
        Encoder restored = autoencoder.restore(trained.state());

        assertThat(restored.state()).isEqualTo(trained.state());
        assertThat(restored.withWeights(trained.state().weights()).state().config())
                .containsEntry(
                        EncoderState.PRETRAIN_HELDOUT_LOSS,
                        trained.state().config().get(EncoderState.PRETRAIN_HELDOUT_LOSS));
    }

    @Test
    void theMaskingMethodsRecordTheirHeldOutLossToo() {
        Map<String, Object> contextEncoder = Map.of("channels", "4,8", "batch_size", 64L);
        Run inpainting = pretrain(new ContextEncoder(), CORPUS, contextEncoder, "epochs", 1L, "heldout", 64L);
        Run mae = pretrain(new MaskedAutoencoder(), CORPUS, MAE, "epochs", 1L, "heldout", 64L);

        assertThat(inpainting.heldoutLoss()).isPositive().isFinite();
        assertThat(mae.heldoutLoss()).isPositive().isFinite();
        assertThat(pretrain(new MaskedAutoencoder(), CORPUS, MAE, "epochs", 1L, "heldout", 64L)
                        .heldoutLoss())
                .isEqualTo(mae.heldoutLoss());
    }

    @Test
    void aCheckpointBeyondTheRunOrTooFewHeldOutExamplesAreRefusedAtValidate() {
        Autoencoder autoencoder = new Autoencoder();
        int[] shape = TckData.SHAPE;
        assertThatThrownBy(() -> autoencoder.checkInput(
                        autoencoder.descriptor().resolve(Map.of("epochs", 3L, "checkpoint_epoch", 4L)), shape))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("checkpoint_epoch")
                .hasMessageContaining("valid: 0 (the full run) or 1..3");
        assertThatThrownBy(() -> autoencoder.checkInput(
                        autoencoder.descriptor().resolve(Map.of("batch_size", 128L, "heldout", 100L)), shape))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("heldout")
                .hasMessageContaining("128 (batch_size) .. 9999 (max_examples - 1)");
    }
}
