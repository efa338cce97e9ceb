package io.pretrainbench.engine.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.DistributionalModel;
import io.pretrainbench.api.study.Prediction;
import io.pretrainbench.api.study.RiskSplit;
import io.pretrainbench.api.study.WeightedChiSquare;
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
        List<StudyRow> one =
                new StudyRunner(1, (c, n, done, total) -> {}).run(spec).rows();
        List<StudyRow> three =
                new StudyRunner(3, (c, n, done, total) -> {}).run(spec).rows();
        assertThat(three).hasSize(3);
        for (int i = 0; i < one.size(); i++) {
            assertThat(three.get(i).mean()).isEqualTo(one.get(i).mean());
            assertThat(three.get(i).ciLow()).isEqualTo(one.get(i).ciLow());
        }
    }

    @Test
    void rowsCarryTheSizesThePredictionAndAnIntervalAroundTheMean() throws InterruptedException {
        AtomicInteger reported = new AtomicInteger();
        List<StudyRow> rows = new StudyRunner(2, (c, n, done, total) -> reported.incrementAndGet())
                .run(spec)
                .rows();
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

    /**
     * A model whose noise-averaged replicates follow the limit law exactly: the pre-training part is (w / alpha) Z^2 /
     * n and the variance part sigma^2 d_eff / n, so the distances measure only Monte-Carlo noise.
     */
    private record ExactLaw(double weight, double sigma2, int dEff) implements DistributionalModel {
        @Override
        public double excessRisk(int n, int m, long seed) {
            throw new UnsupportedOperationException("only the averaged risk is asked for");
        }

        @Override
        public RiskSplit averagedRisk(int n, int m, long seed) {
            double z = new SplittableRandom(seed).nextGaussian();
            double alpha = (double) m / n;
            double pretraining = weight * z * z / alpha / n;
            double variance = sigma2 * dEff / n * (seed % 10 == 0 ? 1.1 : 1); // a tenth off by 10%
            return new RiskSplit(pretraining + variance, pretraining, variance);
        }

        @Override
        public Prediction predict(double alpha) {
            return new Prediction(sigma2 * dEff + weight / alpha, sigma2, dEff, alpha, weight, Double.NaN);
        }

        @Override
        public WeightedChiSquare lawOfLSquared() {
            return new WeightedChiSquare(List.of(weight));
        }
    }

    @Test
    void averagedEntriesAreComparedWithTheLimitLawInDistribution() throws InterruptedException {
        StudySpec.CaseSpec exact = new StudySpec.CaseSpec(
                "exact",
                "1.0.0",
                Parameters.empty(),
                new ExactLaw(3, 0.5, 4),
                2,
                List.of(100, 1000),
                2_000,
                StudySpec.LabelNoise.AVERAGED,
                null);
        List<StudyRow> rows = new StudyRunner(2, (c, n, done, total) -> {})
                .run(new StudySpec(Path.of("e.yaml"), "e", "", 9, List.of(exact)))
                .rows();
        for (StudyRow row : rows) {
            Distribution d = row.distribution();
            // 2 000 draws against the law's 10^5: the 99.9% point of the distance is about 0.044; the total is
            // shifted by the variance part's 10% outliers, a tenth of the mass moved by 0.2.
            assertThat(d.ksPretraining()).isLessThan(0.044);
            assertThat(d.ksTotal()).isLessThan(0.15);
            assertThat(d.varianceOff()).isCloseTo(0.1, within(0.03));
            assertThat(d.meanVariance()).isCloseTo(2 + 0.2 * d.varianceOff(), within(1e-9));
            assertThat(row.mean()).isCloseTo(d.meanPretraining() + d.meanVariance(), within(1e-9));
        }
    }

    @Test
    void sweepEntriesOnlyPredict() throws InterruptedException {
        StudySpec.CaseSpec sweep = new StudySpec.CaseSpec(
                "chi-square",
                "1.0.0",
                Parameters.empty(),
                new ChiSquare(1),
                2,
                List.of(),
                0,
                StudySpec.LabelNoise.REALISED,
                new StudySpec.Sweep("noise", List.of(1.0, 3.0), List.of(new ChiSquare(1), new ChiSquare(3))));
        StudyResult result = new StudyRunner(1, (c, n, done, total) -> {})
                .run(new StudySpec(Path.of("s.yaml"), "s", "", 1, List.of(sweep)));
        assertThat(result.rows()).isEmpty();
        assertThat(result.sweeps()).extracting(r -> r.prediction().limit()).containsExactly(1.0, 3.0);
        assertThat(result.sweeps()).extracting(SweepRow::value).containsExactly(1.0, 3.0);
    }
}
