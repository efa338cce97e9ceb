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
        BudgetSampler.Split split = drawn(31, 7);

        assertThat(split.train().count() + split.validation().count()).isEqualTo(31);
        int[] perClass = new int[3];
        Arrays.stream(split.train().labels()).forEach(l -> perClass[l]++);
        Arrays.stream(split.validation().labels()).forEach(l -> perClass[l]++);
        assertThat(perClass).containsExactlyInAnyOrder(11, 10, 10);
        assertThat(split.validation().count()).isEqualTo(6); // round(0.2 × 10 or 11) = 2 per class
    }

    @Test
    void theSameSeedGivesTheSameExamplesAndTheyAreDisjoint() {
        BudgetSampler.Split a = drawn(30, 3);
        BudgetSampler.Split b = drawn(30, 3);
        BudgetSampler.Split other = drawn(30, 4);

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

    private static BudgetSampler.Split drawn(int budget, long seed) {
        return BudgetSampler.split(pool(), 3, BudgetSampler.draw(pool(), 3, budget, 0.2, seed), 0.2);
    }

    @Test
    void drawnExamplesListTheValidationHoldOutFirstSoSplittingThemGivesItBack() {
        int[] labelled = BudgetSampler.draw(pool(), 3, 31, 0.2, 7);
        BudgetSampler.Split split = BudgetSampler.split(pool(), 3, labelled, 0.2);

        float[] validation = values(split.validation());
        float[] train = values(split.train());
        for (int i = 0; i < labelled.length; i++) {
            assertThat((float) labelled[i])
                    .isEqualTo(i < validation.length ? validation[i] : train[i - validation.length]);
        }
        assertThat(validation).hasSize(6);
    }

    @Test
    void givenExamplesHoldOutTheFirstOfEachClassInTheirOrder() {
        // Pool labels are index % 3. Class 0: 9, 0, 3, 6, 12 (5 → 1 held); class 1: 1, 4, 7, 10, 13 (5 → 1 held).
        int[] labelled = {9, 1, 0, 3, 4, 7, 6, 10, 12, 13};
        BudgetSampler.Split split = BudgetSampler.split(pool(), 3, labelled, 0.2);

        assertThat(values(split.validation())).containsExactly(9f, 1f);
        assertThat(values(split.train())).containsExactly(0f, 3f, 4f, 7f, 6f, 10f, 12f, 13f);
    }

    private static float[] values(Examples examples) {
        float[] out = new float[examples.count()];
        examples.features().get(out);
        return out;
    }
}
