package io.pretrainbench.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.tck.BoundEstimatorContract;
import io.pretrainbench.tck.TckEncoder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RademacherHeadTest extends BoundEstimatorContract<RademacherHead> {
    @Override
    protected RademacherHead plugin() {
        return new RademacherHead();
    }

    // ---- E_σ‖Σσ_i x_i‖ against known answers ----

    @Test
    void forOrthonormalRowsEverySignVectorGivesRootN() {
        // ‖Σσ_i e_i‖ = √n for every σ: exact, Monte Carlo (with zero spread) and closed form all equal √n.
        int n = 6;
        float[] eye = new float[n * n];
        for (int i = 0; i < n; i++) {
            eye[i * n + i] = 1;
        }
        assertThat(SignedSums.exact(eye, n, n)).isCloseTo(Math.sqrt(n), within(1e-12));
        SignedSums.Estimate mc = SignedSums.monteCarlo(eye, n, n, 100, 5);
        assertThat(mc.mean()).isCloseTo(Math.sqrt(n), within(1e-12));
        assertThat(mc.standardError()).isCloseTo(0, within(1e-9));
        assertThat(SignedSums.closedForm(eye)).isCloseTo(Math.sqrt(n), within(1e-12));
    }

    @Test
    void forCollinearRowsTheExactMeanIsTheBinomialMeanAbsoluteDeviation() {
        // x_i = 1: E|Σσ_i| = n·C(n−1, ⌊(n−1)/2⌋)/2^(n−1); n = 10 → 10·126/512, below Jensen's √10.
        float[] ones = new float[10];
        Arrays.fill(ones, 1f);
        assertThat(SignedSums.exact(ones, 10, 1)).isCloseTo(10 * 126 / 512.0, within(1e-12));
        assertThat(SignedSums.closedForm(ones)).isCloseTo(Math.sqrt(10), within(1e-12));
        SignedSums.Estimate mc = SignedSums.monteCarlo(ones, 10, 1, 20_000, 7);
        assertThat(mc.mean()).isCloseTo(10 * 126 / 512.0, within(4 * mc.standardError()));
        // The standard error of |Σσ_i| over 20 000 draws: √(Var/20 000), Var = E(Σσ)² − (E|Σσ|)² = 10 − 2.4609² =
        // 3.944.
        assertThat(mc.standardError())
                .isCloseTo(Math.sqrt((10 - Math.pow(10 * 126 / 512.0, 2)) / 20_000), within(5e-4));
    }

    @Test
    void exactEnumerationOfAFixedSampleMatchesTheHandCount() {
        // Rows (1,0), (0,1), (2,0), (1,0): Σσ_i x_i = (σ1 + 2σ3 + σ4, σ2); over the 16 sign vectors its norm is
        // √17 (4×), √5 (8×) and 1 (4×).
        float[] x = {1, 0, 0, 1, 2, 0, 1, 0};
        double exact = (Math.sqrt(17) + 2 * Math.sqrt(5) + 1) / 4;
        assertThat(SignedSums.exact(x, 4, 2)).isCloseTo(exact, within(1e-12));
        assertThat(SignedSums.exact(x, 4, 2)).isLessThan(SignedSums.closedForm(x));
        assertThatThrownBy(() -> SignedSums.exact(new float[25], 25, 1)).hasMessageContaining("2^25");
    }

    // ---- the estimate on a hand cell ----

    private EstimationContext handCell(Map<String, Object> params, Head head) {
        TckEncoder identity = HandCells.encoder(2, 1, 0, 0, 1);
        float[] inputs = {1, 0, 0, 1, 2, 0, 1, 0};
        return HandCells.cell(
                identity,
                identity,
                head,
                inputs,
                new int[] {0, 1, 0, 1},
                2,
                plugin().descriptor().resolve(params),
                List.of());
    }

    private static Head head() {
        // class weights w_0 = (3, 0), w_1 = (0, 4): max class norm 4, Frobenius norm 5.
        return HandCells.linear(2, 2, new float[] {3, 0, 0, 4}, new float[] {0, 0});
    }

    @Test
    void theValueIsTheHeadNormTimesTheSignedSumOverN() {
        BoundEstimate e = plugin().estimate(handCell(Map.of("samples", 40_000L), head()));
        Map<String, Double> c = e.components();
        double exact = 4.0 / 4 * (Math.sqrt(17) + 2 * Math.sqrt(5) + 1) / 4;
        assertThat(c.get("head_norm")).isEqualTo(4.0);
        assertThat(c.get("exact")).isCloseTo(exact, within(1e-12));
        assertThat(c.get("closed_form")).isCloseTo(4.0 / 4 * Math.sqrt(7), within(1e-12));
        assertThat(e.value()).isEqualTo(c.get("monte_carlo")).isCloseTo(exact, within(4 * c.get("monte_carlo_stderr")));
        BoundEstimate frobenius = plugin().estimate(handCell(Map.of("norm", "frobenius"), head()));
        assertThat(frobenius.components().get("head_norm")).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void aGivenBoundNeedsNoLinearHeadButWithoutOneAKnnCellIsRefused() {
        Head knn = new Head(Head.NONE, new Weights(Map.of()));
        BoundEstimate e = plugin().estimate(handCell(Map.of("bound", 2.0), knn));
        assertThat(e.components().get("exact"))
                .isCloseTo(2.0 / 4 * (Math.sqrt(17) + 2 * Math.sqrt(5) + 1) / 4, within(1e-12));
        assertThatThrownBy(() -> plugin().estimate(handCell(Map.of(), knn)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rademacher-head needs a 'linear' head")
                .hasMessageContaining("got 'none'");
    }

    @Test
    void theKitCellsMonteCarloLiesBelowTheClosedForm() {
        Map<String, Double> c = plugin().estimate(context(1)).components();
        assertThat(c.get("monte_carlo")).isPositive().isLessThanOrEqualTo(c.get("closed_form"));
        assertThat(c).doesNotContainKey("exact"); // 60 rows: too many to enumerate
    }
}
