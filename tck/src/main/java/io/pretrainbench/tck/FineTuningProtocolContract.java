package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.FineTuningProtocol;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.finetune.Metrics;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link FineTuningProtocol}, on the kit's random-projection encoder and easily separable synthetic
 * data: metrics in range and better than chance, a head matching the encoder and the classes, determinism,
 * cancellation.
 */
public abstract class FineTuningProtocolContract<T extends FineTuningProtocol> extends PluginContract<T> {
    private static final int CLASSES = 4;

    protected final FineTuneResult fineTune(long seed, Cancellation cancellation) {
        Examples train = TckData.images(120, CLASSES, 1);
        Examples validation = TckData.images(40, CLASSES, 2);
        Examples test = TckData.images(80, CLASSES, 3);
        return instance()
                .fineTune(FineTuningContext.builder()
                        .encoder(TckEncoder.random(TckData.SHAPE, 16, 7))
                        .train(train)
                        .validation(validation)
                        .test(test)
                        .numClasses(CLASSES)
                        .params(parameters())
                        .seed(seed)
                        .cancellation(cancellation)
                        .build());
    }

    @Test
    void learnsSeparableDataAndReportsMetricsInRange() {
        FineTuneResult result = fineTune(1, Cancellation.NEVER);
        Metrics m = result.metrics();
        assertThat(m.trainAccuracy()).isBetween(0.0, 1.0);
        assertThat(m.testAccuracy()).as("test accuracy on separable data").isGreaterThan(1.5 / CLASSES);
        // Risks may be undefined (NaN) for protocols without a probabilistic head, such as k-NN; never negative.
        assertThat(Double.isNaN(m.trainRisk()) || m.trainRisk() >= 0)
                .as("train risk %s", m.trainRisk())
                .isTrue();
        assertThat(Double.isNaN(m.testRisk()) || m.testRisk() >= 0)
                .as("test risk %s", m.testRisk())
                .isTrue();
        assertThat(Double.isNaN(m.validationAccuracy()) || m.validationAccuracy() >= 0 && m.validationAccuracy() <= 1)
                .as("validation accuracy %s in [0, 1] (or NaN without a hold-out)", m.validationAccuracy())
                .isTrue();
        assertThat(result.encoder().featureDim()).isEqualTo(16);
    }

    @Test
    void headMatchesTheRepresentationAndClasses() {
        Head head = fineTune(1, Cancellation.NEVER).head();
        // Bound estimators read a linear head as kernel [featureDim, numClasses] and bias [numClasses].
        if (Head.LINEAR.equals(head.architecture())) {
            assertThatCode(head::asLinear)
                    .as("linear head's weight names and kernel shape [featureDim, numClasses]")
                    .doesNotThrowAnyException();
            LinearHead linear = head.asLinear();
            assertThat(linear.featureDim()).as("linear head's featureDim").isEqualTo(16);
            assertThat(linear.numClasses()).as("linear head's numClasses").isEqualTo(CLASSES);
        } else if (Head.NONE.equals(head.architecture())) {
            assertThat(head.weights().tensors())
                    .as("a 'none' head has no weights")
                    .isEmpty();
        }
    }

    @Test
    void isDeterministicForAFixedSeed() {
        assertThat(fineTune(5, Cancellation.NEVER).metrics())
                .as("metrics of a second run with the same seed")
                .isEqualTo(fineTune(5, Cancellation.NEVER).metrics());
    }

    @Test
    void honoursCancellation() {
        assertThat(catchThrowable(() -> fineTune(1, () -> true)))
                .as("fineTune with an already-cancelled Cancellation must throw CancellationException")
                .isNotNull()
                .isInstanceOf(CancellationException.class);
    }

    @Override
    protected final Class<T> kind() {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) FineTuningProtocol.class;
        return type;
    }
}
