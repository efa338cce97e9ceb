package io.pretrainbench.engine.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.Prediction;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StudyRunnerTest {
    /** Excess risk (sigma^2 / n) * chi^2_1 from the replicate's seed: n (R - sigma^2) has mean sigma^2 = the limit. */
    private record ChiSquare(double sigma2) implements CaseModel {
        @Override
        public double excessRisk(int n, int m, long seed) {
            double z = new SplittableRandom(seed).nextGaussian();
            return sigma2 * z * z / n;
        }

        @Override
        public Prediction predict(double alpha) {
            return new Prediction(sigma2, sigma2, 1, alpha, 0, Double.NaN);
        }
    }

    private static StudySpec.CaseSpec entry(String name, CaseModel model, List<Integer> sizes, int replicates) {
        return new StudySpec.CaseSpec(name, "1.0.0", Parameters.empty(), model, 2, sizes, replicates);
    }

    private final StudySpec spec = new StudySpec(
            Path.of("tiny.yaml"),
            "tiny",
            "",
            3,
            List.of(
                    entry("chi-square", new ChiSquare(0.5), List.of(100, 200), 400),
                    entry("other", new ChiSquare(2.0), List.of(100), 8)));

    @Test
    void resultsDoNotDependOnTheThreadCount() throws InterruptedException {
        List<StudyRow> one = new StudyRunner(1, (c, n, done, total) -> {}).run(spec);
        List<StudyRow> three = new StudyRunner(3, (c, n, done, total) -> {}).run(spec);
        assertThat(three).hasSize(3);
        for (int i = 0; i < one.size(); i++) {
            assertThat(three.get(i).mean()).isEqualTo(one.get(i).mean());
            assertThat(three.get(i).ciLow()).isEqualTo(one.get(i).ciLow());
        }
    }

    @Test
    void rowsCarryTheSizesThePredictionAndAnIntervalAroundTheMean() throws InterruptedException {
        AtomicInteger reported = new AtomicInteger();
        List<StudyRow> rows = new StudyRunner(2, (c, n, done, total) -> reported.incrementAndGet()).run(spec);
        assertThat(reported.get()).isEqualTo(400 + 400 + 8);
        StudyRow first = rows.get(0);
        assertThat(first.caseName()).isEqualTo("chi-square");
        assertThat(first.m()).isEqualTo(200);
        assertThat(first.replicates()).isEqualTo(400);
        assertThat(first.ciLow()).isLessThan(first.mean());
        assertThat(first.ciHigh()).isGreaterThan(first.mean());
        // E[chi^2_1] = 1 with sd sqrt 2: 400 replicates put the mean within about 0.07 * 0.5 of the limit.
        assertThat(first.mean()).isCloseTo(0.5, within(0.1));
        assertThat(first.prediction().limit()).isEqualTo(0.5);
        assertThat(first.ratio()).isEqualTo(first.mean() / first.prediction().limit());
    }

    @Test
    void eachReplicateHasItsOwnSeedFromStudyCaseSizeAndIndex() {
        assertThat(StudySeeds.replicate(3, "a", 100, 0))
                .isNotEqualTo(StudySeeds.replicate(3, "a", 100, 1))
                .isNotEqualTo(StudySeeds.replicate(3, "a", 200, 0))
                .isNotEqualTo(StudySeeds.replicate(3, "b", 100, 0))
                .isNotEqualTo(StudySeeds.replicate(4, "a", 100, 0))
                .isEqualTo(StudySeeds.replicate(3, "a", 100, 0));
    }

    @Test
    void aFailingReplicateNamesTheCaseAndSize() {
        CaseModel broken = new CaseModel() {
            @Override
            public double excessRisk(int n, int m, long seed) {
                throw new ArithmeticException("singular design");
            }

            @Override
            public Prediction predict(double alpha) {
                return new ChiSquare(1).predict(alpha);
            }
        };
        StudySpec failing =
                new StudySpec(Path.of("f.yaml"), "f", "", 1, List.of(entry("broken", broken, List.of(50), 2)));
        assertThatThrownBy(() -> new StudyRunner(1, (c, n, done, total) -> {}).run(failing))
                .hasMessage("broken n=50: replicate failed: singular design");
    }
}
