package io.pretrainbench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.finetune.LinearHead;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.pretrain.PretrainingContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContextBuildersTest {
    private static final Examples TWO = Examples.labelled(new float[] {1, 2, 3, 4}, new int[] {0, 1}, 2);

    @Test
    void optionalPartsGetTheirDocumentedDefaults() {
        PretrainingContext pretraining =
                PretrainingContext.builder().corpus(TWO).build();
        assertThat(pretraining.params().asMap()).isEmpty();
        assertThat(pretraining.seed()).isZero();
        assertThat(pretraining.compute()).isEqualTo(Compute.cpu(1));
        assertThat(pretraining.progress()).isSameAs(ProgressListener.NONE);
        assertThat(pretraining.cancellation()).isSameAs(Cancellation.NEVER);
        assertThat(DataContext.builder().build().params().asMap()).isEmpty();
    }

    @Test
    void aMissingRequiredPartIsNamed() {
        assertThatThrownBy(() -> PretrainingContext.builder().build()).hasMessageContaining("corpus");
        assertThatThrownBy(() -> FineTuningContext.builder()
                        .train(TWO)
                        .validation(TWO)
                        .test(TWO)
                        .numClasses(2)
                        .build())
                .hasMessageContaining("encoder");
    }

    @Test
    void aLinearHeadRoundTripsThroughHeadAndChecksItsShapes() {
        LinearHead linear = LinearHead.of(3, 2, new float[] {1, 2, 3, 4, 5, 6}, new float[] {7, 8});
        Head head = linear.toHead();
        assertThat(head.architecture()).isEqualTo(Head.LINEAR);
        assertThat(head.asLinear()).isEqualTo(linear);
        assertThat(head.asLinear().featureDim()).isEqualTo(3);
        assertThat(head.asLinear().numClasses()).isEqualTo(2);
        assertThatThrownBy(() -> Head.linear(
                        new WeightTensor(new long[] {3, 2}, new float[6]),
                        new WeightTensor(new long[] {3}, new float[3])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bias [numClasses]")
                .hasMessageContaining("[3, 2]");
        assertThatThrownBy(() -> new Head(Head.NONE, new Weights(Map.of())).asLinear())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'none'");
        assertThatThrownBy(() -> new Head(
                                Head.LINEAR, new Weights(Map.of("w", new WeightTensor(new long[] {1}, new float[1]))))
                        .asLinear())
                .hasMessageContaining("[w]");
    }
}
