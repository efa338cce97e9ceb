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
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpectralMarginTest extends BoundEstimatorContract<SpectralMargin> {
    @Override
    protected SpectralMargin plugin() {
        return new SpectralMargin();
    }

    private static DenseChain.Matrix diag(float... d) {
        float[] v = new float[d.length * d.length];
        for (int i = 0; i < d.length; i++) {
            v[i * d.length + i] = d[i];
        }
        return new DenseChain.Matrix(d.length, d.length, v);
    }

    /** u vᵀ with u = (1, 2, 2) (‖u‖ = 3) and v = (3, 4) (‖v‖ = 5). */
    private static DenseChain.Matrix rankOne() {
        float[] u = {1, 2, 2};
        float[] v = {3, 4};
        float[] m = new float[6];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 2; c++) {
                m[r * 2 + c] = u[r] * v[c];
            }
        }
        return new DenseChain.Matrix(3, 2, m);
    }

    @Test
    void theSpectralNormOfADiagonalMatrixIsItsLargestAbsoluteEntry() {
        assertThat(diag(3, -5, 1).spectralNorm()).isCloseTo(5, within(1e-9));
        assertThat(diag(0, 0).spectralNorm()).isZero();
    }

    @Test
    void theSpectralNormOfARankOneMatrixIsTheProductOfItsFactorsNorms() {
        assertThat(rankOne().spectralNorm()).isCloseTo(15, within(1e-9));
    }

    @Test
    void theSpectralNormOfAnOrthogonalMatrixTimesAScaleIsTheScale() {
        // A 2-d rotation by 30° scaled by 2.5: all singular values 2.5.
        double a = Math.PI / 6;
        float[] m = {
            (float) (2.5 * Math.cos(a)),
            (float) (-2.5 * Math.sin(a)),
            (float) (2.5 * Math.sin(a)),
            (float) (2.5 * Math.cos(a))
        };
        assertThat(new DenseChain.Matrix(2, 2, m).spectralNorm()).isCloseTo(2.5, within(1e-6));
        // And never more than the Frobenius norm, never less than the largest column norm, on a random matrix.
        Random random = new Random(3);
        float[] r = new float[40 * 7];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) random.nextGaussian();
        }
        DenseChain.Matrix big = new DenseChain.Matrix(40, 7, r);
        assertThat(big.spectralNorm())
                .isLessThanOrEqualTo(big.frobeniusNorm())
                .isGreaterThan(big.frobeniusNorm() / Math.sqrt(7));
    }

    @Test
    void theSpectralComplexityIsAssembledAsBartlettEtAlDefineIt() {
        // Column-norm sums: diag(3, −5, 1) → 9, u vᵀ → 3·3 + 4·3 = 21; R_A = 5·15·((9/5)^(2/3) + (21/15)^(2/3))^(3/2).
        assertThat(rankOne().columnNormSum()).isCloseTo(21, within(1e-9));
        List<DenseChain.Matrix> layers = List.of(diag(3, -5, 1), rankOne());
        List<DenseChain.Matrix> zero = List.of(diag(0, 0, 0), new DenseChain.Matrix(3, 2, new float[6]));
        SpectralMargin.SpectralComplexity rA = SpectralMargin.spectralComplexity(layers, zero);
        assertThat(rA.spectralProduct()).isCloseTo(75, within(1e-7));
        assertThat(rA.value())
                .isCloseTo(75 * Math.pow(Math.pow(1.8, 2.0 / 3) + Math.pow(1.4, 2.0 / 3), 1.5), within(1e-6));
        // Measured from themselves, the layers contribute no complexity.
        assertThat(SpectralMargin.spectralComplexity(layers, layers).value()).isZero();
    }

    /**
     * Features (1,0), (0,1), (2,0), (1,0) under the identity encoder; head 2·I, b = (0.5, −0.5): margins 3, 1, 5, −3.
     */
    private EstimationContext handCell(Map<String, Object> params, Head head) {
        TckEncoder identity = HandCells.encoder(2, 1, 0, 0, 1);
        return HandCells.cell(
                identity,
                identity,
                head,
                new float[] {1, 0, 0, 1, 2, 0, 1, 0},
                new int[] {0, 1, 0, 1},
                2,
                plugin().descriptor().resolve(params),
                List.of());
    }

    private static Head head() {
        return HandCells.linear(2, 2, new float[] {2, 0, 0, 2}, new float[] {0.5f, -0.5f});
    }

    @Test
    void theHeadsBoundOnAHandMadeCell() {
        BoundEstimate e = plugin().estimate(handCell(Map.of("scope", "head", "margin", 2.0), head()));
        Map<String, Double> c = e.components();
        // One layer 2·I: ‖·‖_σ = 2, ‖·‖_{2,1} = 4, R_A = 2·(4/2)^((2/3)·(3/2)) = 4.
        assertThat(c.get("spectral_complexity")).isCloseTo(4, within(1e-9));
        assertThat(c.get("input_norm")).isCloseTo(Math.sqrt(7), within(1e-6));
        assertThat(c.get("margin_loss")).isEqualTo(0.5); // margins 1 and −3 are ≤ γ = 2
        assertThat(c.get("train_error")).isEqualTo(0.25);
        assertThat(c.get("normalized_complexity")).isCloseTo(4 / (2.0 * 4), within(1e-9));
        double complexity = 72 * Math.sqrt(7) * Math.log(4) * Math.log(4) * 4 / (2.0 * 4);
        assertThat(c.get("complexity_term")).isCloseTo(complexity, within(1e-6));
        assertThat(e.value())
                .isCloseTo(0.5 - 0.25 + 8.0 / 4 + complexity + 3 * Math.sqrt(Math.log(20) / 8), within(1e-6));
    }

    @Test
    void theNetworksComplexityIncludesTheEncoderUnlessMeasuredFromItsPretrainedSelf() {
        Map<String, Double> zero =
                plugin().estimate(handCell(Map.of("margin", 2.0), head())).components();
        // Layers I and 2·I: spectral product 2, ratios 2/1 and 4/2 → R_A = 2·(2·2^(2/3))^(3/2) = 2·2^(5/2) = 8√2.
        assertThat(zero.get("spectral_complexity")).isCloseTo(8 * Math.sqrt(2), within(1e-9));
        Map<String, Double> fromPretrained = plugin().estimate(
                        handCell(Map.of("margin", 2.0, "reference", "pretrained"), head()))
                .components();
        assertThat(fromPretrained.get("spectral_complexity")).isCloseTo(4, within(1e-9));
    }

    @Test
    void aKnnCellIsRefusedSayingWhatItNeeds() {
        assertThatThrownBy(() -> plugin().estimate(handCell(Map.of(), new Head(Head.NONE, new Weights(Map.of())))))
                .hasMessageContaining("spectral-margin needs a 'linear' head");
    }
}
