package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.model.WeightTensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializersTest {
    @Test
    void theSameSeedGivesBitIdenticalWeightsAndAnotherSeedOthers() {
        WeightTensor a = Initializers.heUniform(new SplittableRandom(7), 784, 64);
        WeightTensor b = Initializers.heUniform(new SplittableRandom(7), 784, 64);
        WeightTensor c = Initializers.heUniform(new SplittableRandom(8), 784, 64);
        assertThat(a).isEqualTo(b);
        assertThat(a.values()).isNotEqualTo(c.values());
        assertThat(a.shape()).containsExactly(784, 64);
    }

    @Test
    void heUniformHasTheBoundAndVarianceOfItsDefinition() {
        int fanIn = 400;
        float[] w = Initializers.heUniform(new SplittableRandom(1), fanIn, 300).values();
        double limit = Math.sqrt(6.0 / fanIn);
        double sumSquares = 0;
        for (float v : w) {
            assertThat((double) Math.abs(v)).isLessThanOrEqualTo(limit);
            sumSquares += v * v;
        }
        // U(-a, a) has variance a²/3 = 2/fanIn: the variance that keeps ReLU activations at scale (He et al. 2015).
        assertThat(sumSquares / w.length).isCloseTo(2.0 / fanIn, within(0.02 * 2.0 / fanIn));
    }

    @Test
    void glorotUniformHasTheBoundAndVarianceOfItsDefinition() {
        float[] w =
                Initializers.glorotUniform(new SplittableRandom(2), 300, 100).values();
        double limit = Math.sqrt(6.0 / 400);
        double sumSquares = 0;
        for (float v : w) {
            assertThat((double) Math.abs(v)).isLessThanOrEqualTo(limit);
            sumSquares += v * v;
        }
        assertThat(sumSquares / w.length).isCloseTo(2.0 / 400, within(0.03 * 2.0 / 400));
    }

    @Test
    void zerosHaveTheirShape() {
        WeightTensor z = Initializers.zeros(3, 4);
        assertThat(z.shape()).containsExactly(3, 4);
        assertThat(z.values()).hasSize(12).containsOnly(0f);
    }
}
