package io.pretrainbench.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.data.Examples;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BudgetSamplerTest {
    /** 3 classes × 40 examples; each example's single value is its index, so subsets can be traced back. */
    private static Examples pool() {
        float[] values = new float[120];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return Examples.labelled(values, IntStream.range(0, 120).map(i -> i % 3).toArray(), 1);
    }

    @Test
    void drawsAClassBalancedBudgetAndHoldsOutValidationPerClass() {
        BudgetSampler.Split split = BudgetSampler.draw(pool(), 3, 31, 0.2, 7);

        assertThat(split.train().count() + split.validation().count()).isEqualTo(31);
        int[] perClass = new int[3];
        Arrays.stream(split.train().labels()).forEach(l -> perClass[l]++);
        Arrays.stream(split.validation().labels()).forEach(l -> perClass[l]++);
        assertThat(perClass).containsExactlyInAnyOrder(11, 10, 10);
        assertThat(split.validation().count()).isEqualTo(6); // round(0.2 × 10 or 11) = 2 per class
    }

    @Test
    void theSameSeedGivesTheSameExamplesAndTheyAreDisjoint() {
        BudgetSampler.Split a = BudgetSampler.draw(pool(), 3, 30, 0.2, 3);
        BudgetSampler.Split b = BudgetSampler.draw(pool(), 3, 30, 0.2, 3);
        BudgetSampler.Split other = BudgetSampler.draw(pool(), 3, 30, 0.2, 4);

        assertThat(a.train().checksum()).isEqualTo(b.train().checksum());
        assertThat(a.validation().checksum()).isEqualTo(b.validation().checksum());
        assertThat(a.train().checksum()).isNotEqualTo(other.train().checksum());
        float[] train = values(a.train());
        float[] validation = values(a.validation());
        for (float v : validation) {
            assertThat(train).doesNotContain(v);
        }
    }

    @Test
    void aBudgetLargerThanAClassAllowsIsRefusedClearly() {
        assertThatThrownBy(() -> BudgetSampler.draw(pool(), 3, 200, 0.2, 0))
                .hasMessageContaining("budget 200")
                .hasMessageContaining("only 40");
    }

    private static float[] values(Examples examples) {
        float[] out = new float[examples.count()];
        examples.features().get(out);
        return out;
    }
}
