package io.pretrainbench.protocols;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.tck.FineTuningProtocolContract;
import io.pretrainbench.tck.TckData;
import io.pretrainbench.tck.TckEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FineTuneTest extends FineTuningProtocolContract<FineTune> {
    @Override
    protected FineTune plugin() {
        return new FineTune();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("epochs", 15L);
    }

    private static FineTuneResult tune(Encoder encoder, long headEpochs) {
        FineTune protocol = new FineTune();
        return protocol.fineTune(FineTuningContext.builder()
                .encoder(encoder)
                .train(TckData.images(120, 4, 1))
                .validation(TckData.images(40, 4, 2))
                .test(TckData.images(80, 4, 3))
                .numClasses(4)
                .params(protocol.descriptor().resolve(Map.of("epochs", 6L, "head_epochs", headEpochs)))
                .build());
    }

    /** Optimisation steps taken by one fine-tuning run with these parameters (120 training images, batch 32). */
    private static int steps(Map<String, Object> params) {
        FineTune protocol = new FineTune();
        AtomicInteger steps = new AtomicInteger();
        protocol.fineTune(FineTuningContext.builder()
                .encoder(TckEncoder.random(TckData.SHAPE, 16, 7))
                .train(TckData.images(120, 4, 1))
                .validation(TckData.images(40, 4, 2))
                .test(TckData.images(80, 4, 3))
                .numClasses(4)
                .params(protocol.descriptor().resolve(params))
                .progress((phase, step, total, loss) -> steps.incrementAndGet())
                .build());
        return steps.get();
    }

    @Test
    void minStepsKeepsTrainingPastThePatienceButNotPastTheEpochs() {
        // 120 images at batch 32: 3 steps per epoch; patience 1 stops after two epochs unless validation keeps
        // improving
        int patienceOnly = steps(Map.of("epochs", 40L, "patience", 1L));
        assertThat(patienceOnly).isLessThan(60);
        assertThat(steps(Map.of("epochs", 40L, "patience", 1L, "min_steps", 60L)))
                .isGreaterThanOrEqualTo(60);
        assertThat(steps(Map.of("epochs", 10L, "patience", 1L, "min_steps", 60L)))
                .isEqualTo(30);
    }

    @Test
    void headEpochsLeaveTheEncoderUntouchedThenTrainIt() {
        Encoder encoder = TckEncoder.random(TckData.SHAPE, 16, 7);
        assertThat(tune(encoder, 6).encoder().state().weights())
                .as("head only for every epoch")
                .isEqualTo(encoder.state().weights());
        assertThat(tune(encoder, 2).encoder().state().weights())
                .as("head first, then everything")
                .isNotEqualTo(encoder.state().weights());
    }

    /** The training losses, step by step, of one fine-tuning run with these parameters. */
    private static List<Double> losses(Map<String, Object> params) {
        return losses(params, 1);
    }

    private static List<Double> losses(Map<String, Object> params, int threads) {
        FineTune protocol = new FineTune();
        List<Double> losses = new ArrayList<>();
        protocol.fineTune(FineTuningContext.builder()
                .encoder(TckEncoder.random(TckData.SHAPE, 16, 7))
                .train(TckData.images(120, 4, 1))
                .validation(TckData.images(40, 4, 2))
                .test(TckData.images(80, 4, 3))
                .numClasses(4)
                .params(protocol.descriptor().resolve(params))
                .compute(Compute.cpu(threads))
                .progress((phase, step, total, loss) -> losses.add(loss))
                .build());
        return losses;
    }

    @Test
    void runsOnSeveralThreadsAreIdentical() {
        // The encoder's backward pass reads the head's kernel; an update that overtook it made multiview runs differ
        // (measured, docs/multiview.md). On this small model the race did not show in two tries without the fix, so
        // this guards determinism on several threads, not that particular race.
        for (String optimizer : List.of("adamw", "sgd")) {
            Map<String, Object> params = Map.of(
                    "optimizer",
                    optimizer,
                    "epochs",
                    10L,
                    "learning_rate",
                    0.5,
                    "encoder_learning_rate",
                    0.5,
                    "weight_decay",
                    0.0);
            List<Double> first = losses(params, 4);
            assertThat(losses(params, 4)).as(optimizer).isEqualTo(first);
            assertThat(losses(params, 4)).as(optimizer).isEqualTo(first);
        }
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    @Test
    void sgdTrainsWithPlainGradientSteps() {
        Map<String, Object> sgd = Map.of(
                "optimizer",
                "sgd",
                "epochs",
                20L,
                "patience",
                20L,
                "learning_rate",
                0.5,
                "encoder_learning_rate",
                0.1,
                "weight_decay",
                0.0);
        List<Double> losses = losses(sgd);
        assertThat(losses).hasSize(60); // 20 epochs × 3 steps: patience 20 never stops it early
        assertThat(mean(losses.subList(54, 60)))
                .as("loss of the last two epochs vs the first two")
                .isLessThan(0.5 * mean(losses.subList(0, 6)));
        assertThat(losses(sgd)).as("deterministic").isEqualTo(losses);
        Map<String, Object> adamw = new java.util.HashMap<>(sgd);
        adamw.put("optimizer", "adamw");
        assertThat(losses(adamw).get(1))
                .as("second step: a different update rule")
                .isNotEqualTo(losses.get(1));
    }

    @Test
    void adamwIsTheDefault() {
        FineTune protocol = new FineTune();
        assertThat(protocol.descriptor().resolve(Map.of()).getString("optimizer"))
                .isEqualTo("adamw");
        assertThat(losses(Map.of("epochs", 4L))).isEqualTo(losses(Map.of("epochs", 4L, "optimizer", "adamw")));
        assertThatThrownBy(() -> protocol.descriptor().resolve(Map.of("optimizer", "momentum")))
                .hasMessageContaining("optimizer");
    }
}
