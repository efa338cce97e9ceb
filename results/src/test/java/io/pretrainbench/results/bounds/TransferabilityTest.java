package io.pretrainbench.results.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.results.store.CellKey;
import io.pretrainbench.results.store.CellOutcome;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferabilityTest {
    private static final double C = 0.2;
    private static final double BETA = 0.8;
    private static final double REFERENCE_LOSS = 0.01;
    private static final double REFERENCE_ERROR = 0.15;

    @TempDir
    Path dir;

    @Test
    void theFitRecoversAnExactPowerLawWithACollapsedInterval() {
        double[] pre = {0.5, 0.25, 0.1, 0.05, 0.02, 0.01};
        double[] down = new double[pre.length];
        for (int i = 0; i < pre.length; i++) {
            down[i] = C * Math.pow(pre[i], BETA);
        }
        TransferabilityFit fit = TransferabilityFit.fit(pre, down);

        assertThat(fit.points()).isEqualTo(6);
        assertThat(fit.c()).isCloseTo(C, within(1e-9));
        assertThat(fit.beta()).isCloseTo(BETA, within(1e-9));
        assertThat(fit.r2()).isCloseTo(1, within(1e-12));
        assertThat(fit.betaLow()).isCloseTo(BETA, within(1e-9));
        assertThat(fit.betaHigh()).isCloseTo(BETA, within(1e-9));
        assertThat(fit.cLow()).isCloseTo(C, within(1e-9));
        assertThat(fit.resamples()).isBetween(1900, TransferabilityFit.RESAMPLES);
    }

    @Test
    void withNoiseTheIntervalsCoverTheTruthAndAreReproducible() {
        Random random = new Random(1);
        int n = 20;
        double[] pre = new double[n];
        double[] down = new double[n];
        for (int i = 0; i < n; i++) {
            pre[i] = Math.exp(-4 * (i + 1.0) / n);
            down[i] = C * Math.pow(pre[i], BETA) * Math.exp(0.1 * random.nextGaussian());
        }
        TransferabilityFit fit = TransferabilityFit.fit(pre, down);

        assertThat(fit.beta()).isCloseTo(BETA, within(0.1));
        assertThat(BETA).isBetween(fit.betaLow(), fit.betaHigh());
        assertThat(C).isBetween(fit.cLow(), fit.cHigh());
        assertThat(fit.betaHigh() - fit.betaLow()).isPositive().isLessThan(0.3);
        assertThat(fit.r2()).isBetween(0.8, 1.0);
        assertThat(TransferabilityFit.fit(pre, down)).isEqualTo(fit);
    }

    @Test
    void theFitRefusesWhatHasNoLine() {
        assertThatThrownBy(() -> TransferabilityFit.fit(new double[] {0.1, 0.2}, new double[] {0.1, 0.2}))
                .hasMessageContaining("at least 3 points");
        assertThatThrownBy(() -> TransferabilityFit.fit(new double[] {0.1, 0, 0.3}, new double[] {0.1, 0.2, 0.3}))
                .hasMessageContaining("Δpre must be positive");
        assertThatThrownBy(() -> TransferabilityFit.fit(new double[] {0.1, 0.1, 0.1}, new double[] {0.1, 0.2, 0.3}))
                .hasMessageContaining("same Δpre");
    }

    private static CellResult cell(String params, double heldoutLoss, double testError, int budget, long seed) {
        CellKey key = new CellKey(
                params + "/" + budget + "/" + seed,
                "autoencoder",
                params,
                "corpus",
                "{}",
                0,
                "task",
                "{}",
                budget,
                "linear-probe",
                "{}",
                seed,
                Map.of("deng-bound", "1.0.0{}"),
                Map.of("method:autoencoder", "1.0.0"),
                "data");
        BoundEstimate deng = new BoundEstimate(1, Map.of(EncoderState.PRETRAIN_HELDOUT_LOSS, heldoutLoss));
        return new CellResult(
                key,
                "run-1",
                CellOutcome.succeeded(
                        1, 1, 1, "e", new Metrics(1, 1 - testError, 0, 0, 0.5), Map.of("deng-bound", deng), Map.of()),
                Map.of());
    }

    /**
     * Checkpoints 1..5 of a 10-epoch run on the exact law (seeds scatter ±0.01 around it, which the mean removes),
     * checkpoint 6 no better downstream than the reference (dropped), and a 30-epoch reference.
     */
    private List<StoredCell> store(String name, List<CellResult> extra) {
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve(name))) {
            store.startRun(Cells.run());
            for (long seed = 0; seed < 2; seed++) {
                double scatter = seed == 0 ? -0.01 : 0.01;
                store.record(cell("{\"epochs\":30}", REFERENCE_LOSS, REFERENCE_ERROR + scatter, 2000, seed));
                for (int e = 1; e <= 5; e++) {
                    double excess = 0.5 / (e * e);
                    double error = REFERENCE_ERROR + C * Math.pow(excess, BETA);
                    store.record(cell(
                            "{\"checkpoint_epoch\":" + e + ",\"epochs\":10}",
                            REFERENCE_LOSS + excess,
                            error + scatter,
                            2000,
                            seed));
                }
                store.record(cell(
                        "{\"checkpoint_epoch\":6,\"epochs\":10}", REFERENCE_LOSS + 0.01, REFERENCE_ERROR, 2000, seed));
            }
            extra.forEach(store::record);
            return store.cells();
        }
    }

    @Test
    void checkpointsAgainstALongerReferenceGiveTheLawTheyFollow() {
        Transferability.Analysis analysis =
                Transferability.analyse(store("r.db", List.of()), "autoencoder", Map.of("epochs", "30"));

        assertThat(analysis.reference()).isEqualTo("{\"epochs\":30}");
        Transferability.Fit fit = analysis.fits().get(0);
        assertThat(fit.checkpoints()).isEqualTo(6);
        assertThat(fit.dropped()).isEqualTo(1);
        assertThat(fit.referenceLoss()).isEqualTo(REFERENCE_LOSS);
        assertThat(fit.referenceError()).isCloseTo(REFERENCE_ERROR, within(1e-12));
        TransferabilityFit law = fit.fit().orElseThrow();
        assertThat(law.c()).isCloseTo(C, within(1e-9));
        assertThat(law.beta()).isCloseTo(BETA, within(1e-9));
        assertThat(fit.dengBoundParams()).contains("pretrain_floor: 0.01", "pretrain_loss: heldout");
        assertThat(analysis.points())
                .extracting(Transferability.Point::trainedEpochs)
                .containsExactly(1, 2, 3, 4, 5, 6);
    }

    @Test
    void withoutAReferenceTheLongestTrainedEncoderIsTheReference() {
        Transferability.Analysis analysis = Transferability.analyse(store("d.db", List.of()), "autoencoder", Map.of());
        assertThat(analysis.reference()).isEqualTo("{\"epochs\":30}");
    }

    @Test
    void checkpointsOfDifferentRunsOrNoHeldOutLossAreRefusedSayingWhy() {
        List<CellResult> otherRun = new ArrayList<>();
        otherRun.add(cell("{\"checkpoint_epoch\":2,\"epochs\":20}", 0.2, 0.3, 2000, 0));
        assertThatThrownBy(
                        () -> Transferability.analyse(store("o.db", otherRun), "autoencoder", Map.of("epochs", "30")))
                .hasMessageContaining("must differ only in checkpoint_epoch");
        assertThatThrownBy(
                        () -> Transferability.analyse(store("n.db", List.of()), "autoencoder", Map.of("epochs", "7")))
                .hasMessageContaining("no encoders of 'autoencoder' match the reference {epochs=7}");
        assertThatThrownBy(() -> Transferability.analyse(store("m.db", List.of()), "mae", Map.of()))
                .hasMessageContaining("no succeeded cell of method 'mae'")
                .hasMessageContaining("[autoencoder]");
    }
}
