package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.study.DistributionalModel;
import io.pretrainbench.api.study.RiskSplit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DistributionalModel} case owes the paper's check, tested once for each case's test class that
 * implements this interface.
 */
interface DistributionalModelContract {
    /** The case under test. */
    DistributionalModel distributionalModel();

    @Test
    default void lawOfLSquaredHasThePredictionsMean() {
        DistributionalModel model = distributionalModel();
        assertThat(model.lawOfLSquared().mean())
                .isCloseTo(
                        model.predict(1).expectedLSquared(),
                        within(1e-12 * model.predict(1).expectedLSquared()));
    }

    @Test
    default void noiseAveragedRiskSplitsIntoPartsBelowTheTotal() {
        RiskSplit split = distributionalModel().averagedRisk(200, 400, 5);
        assertThat(split.pretraining()).isPositive().isLessThan(split.total());
        assertThat(split.variance()).isPositive().isLessThan(split.total());
    }
}
