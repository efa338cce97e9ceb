package io.pretrainbench.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.finetune.Head;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.tck.BoundEstimatorContract;
import io.pretrainbench.tck.TckEncoder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class DengBoundTest extends BoundEstimatorContract<DengBound> {
    @Override
    protected DengBound plugin() {
        return new DengBound();
    }

    /**
     * Four 2-d features, two classes, head w_0 = (2, 0), w_1 = (0, 2), b = (0.5, −0.5), so margins 3, 1, 5 and −3 (the
     * last point misclassified), as in {@code RademacherLinearTest}.
     */
    private EstimationContext handCell(Map<String, Object> params, Head head, List<Double> curve) {
        TckEncoder identity = HandCells.encoder(2, 1, 0, 0, 1);
        return HandCells.cell(
                identity,
                identity,
                head,
                new float[] {1, 0, 0, 1, 2, 0, 1, 0},
                new int[] {0, 1, 0, 1},
                2,
                plugin().descriptor().resolve(params),
                curve);
    }

    private static Head head() {
        return HandCells.linear(2, 2, new float[] {2, 0, 0, 2}, new float[] {0.5f, -0.5f});
    }

    @Test
    void theValueIsTheTheoremsTermsAddedUpAsStated() {
        Map<String, Object> params = new HashMap<>(Map.of(
                "margin",
                2.0,
                "transfer_c",
                2.0,
                "transfer_beta",
                0.5,
                "pretrain_floor",
                0.05,
                "curve_tail",
                0.5,
                "heterogeneity",
                0.1));
        BoundEstimate e = plugin().estimate(handCell(params, head(), List.of(1.0, 0.5, 0.3, 0.2)));
        Map<String, Double> c = e.components();
        // R̂_n(Π₁H) ≤ (B/n)√Σ‖x‖² + β/√n with B = max class norm 2, β = 0.5: √7/2 + 1/4.
        double rademacher = Math.sqrt(7) / 2 + 0.25;
        assertThat(c.get("head_norm")).isEqualTo(2.0);
        assertThat(c.get("rademacher_closed_form") + c.get("rademacher_bias")).isCloseTo(rademacher, within(1e-12));
        // G_ℓ·R̂ = (2k/ρ)·R̂ = 2·R̂ for k = 2, ρ = 2; the theorem's term is 4 times that.
        assertThat(c.get("rademacher_term")).isCloseTo(8 * rademacher, within(1e-12));
        assertThat(c.get("confidence")).isCloseTo(6 * Math.sqrt(Math.log(4 / 0.05) / 8), within(1e-12));
        // ramp losses at ρ = 2: 0, 1/2, 0, 1.
        assertThat(c.get("optimisation_term")).isCloseTo(0.375, within(1e-12));
        assertThat(c.get("train_error")).isEqualTo(0.25);
        // last half of the curve: (0.3 + 0.2)/2 = 0.25; minus the floor 0.05 → 0.2; C_β·0.2^β = 2·√0.2.
        assertThat(c.get("pretrain_final_loss")).isCloseTo(0.25, within(1e-12));
        assertThat(c.get("pretrain_excess")).isCloseTo(0.2, within(1e-12));
        assertThat(c.get("transferability_term")).isCloseTo(2 * Math.sqrt(0.2), within(1e-12));
        assertThat(c.get("transferability_estimated")).isEqualTo(1.0);
        assertThat(c.get("heterogeneity_term")).isEqualTo(0.1);
        assertThat(e.value())
                .isCloseTo(
                        2 * Math.sqrt(0.2) + 8 * rademacher + 6 * Math.sqrt(Math.log(80) / 8) + 0.375 + 0.1,
                        within(1e-12));
    }

    @Test
    void withoutACurveTheTransferabilityTermIsZeroAndSaysSo() {
        BoundEstimate e = plugin().estimate(handCell(Map.of("margin", 2.0), head(), List.of()));
        Map<String, Double> c = e.components();
        assertThat(c.get("transferability_estimated")).isZero();
        assertThat(c.get("transferability_term")).isZero();
        assertThat(e.value())
                .isCloseTo(c.get("rademacher_term") + c.get("confidence") + c.get("optimisation_term"), within(1e-12));
    }

    @Test
    void aLowerPretrainingLossGivesASmallerBound() {
        Map<String, Object> params = Map.of("margin", 2.0);
        double worse =
                plugin().estimate(handCell(params, head(), List.of(0.9, 0.6))).value();
        double better =
                plugin().estimate(handCell(params, head(), List.of(0.9, 0.1))).value();
        assertThat(worse - better).isCloseTo(0.5, within(1e-12)); // C_β = β = 1: the term is the final loss itself
    }

    /** {@code cell} with a pre-trained encoder that recorded {@code loss} as its held-out pre-training loss. */
    private static EstimationContext withHeldoutLoss(EstimationContext cell, double loss) {
        Encoder plain = cell.pretrainedEncoder();
        Encoder recorded = new Encoder() {
            @Override
            public int[] inputShape() {
                return plain.inputShape();
            }

            @Override
            public int featureDim() {
                return plain.featureDim();
            }

            @Override
            public EncoderState state() {
                Map<String, String> config = new HashMap<>(plain.state().config());
                config.put(EncoderState.PRETRAIN_HELDOUT_LOSS, Double.toString(loss));
                return new EncoderState(
                        plain.state().architecture(), config, plain.state().weights());
            }

            @Override
            public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
                return plain.build(tf, input, mode);
            }

            @Override
            public Encoder withWeights(Weights weights) {
                throw new UnsupportedOperationException("an estimator never retrains the pre-trained encoder");
            }
        };
        return EstimationContext.builder()
                .encoder(cell.encoder())
                .head(cell.head())
                .train(cell.train())
                .trainFeatures(cell.trainFeatures())
                .numClasses(cell.numClasses())
                .metrics(cell.metrics())
                .params(cell.params())
                .seed(cell.seed())
                .pretrainedEncoder(recorded)
                .pretrainCurve(cell.pretrainCurve())
                .build();
    }

    @Test
    void theHeldOutLossIsRecordedAndGivesEuWhenAskedFor() {
        Map<String, Object> fitted = Map.of(
                "margin", 2.0, "transfer_c", 3.0, "transfer_beta", 2.0, "pretrain_floor", 0.1, "curve_tail", 0.5);
        List<Double> curve = List.of(1.0, 0.5, 0.3, 0.2); // final loss 0.25
        Map<String, Double> fromCurve = plugin().estimate(withHeldoutLoss(handCell(fitted, head(), curve), 0.4))
                .components();
        Map<String, Object> heldout = new HashMap<>(fitted);
        heldout.put("pretrain_loss", "heldout");
        Map<String, Double> fromHeldout = plugin().estimate(withHeldoutLoss(handCell(heldout, head(), curve), 0.4))
                .components();

        assertThat(fromCurve.get("pretrain_heldout_loss")).isEqualTo(0.4);
        assertThat(fromCurve.get("transferability_from_heldout")).isZero();
        assertThat(fromCurve.get("transferability_term")).isCloseTo(3 * 0.15 * 0.15, within(1e-12));
        assertThat(fromHeldout.get("transferability_from_heldout")).isEqualTo(1.0);
        assertThat(fromHeldout.get("pretrain_excess")).isCloseTo(0.3, within(1e-12));
        assertThat(fromHeldout.get("transferability_term")).isCloseTo(3 * 0.3 * 0.3, within(1e-12));
        // Even a cell that does not know its curve (an encoder from an earlier run's cache) has the held-out loss.
        Map<String, Double> cached = plugin().estimate(withHeldoutLoss(handCell(heldout, head(), List.of()), 0.4))
                .components();
        assertThat(cached.get("transferability_estimated")).isEqualTo(1.0);
        assertThat(cached.get("transferability_term")).isCloseTo(3 * 0.3 * 0.3, within(1e-12));
    }

    @Test
    void withoutAHeldOutLossTheComponentsAreThoseOfBefore() {
        Map<String, Object> heldout = Map.of("margin", 2.0, "pretrain_loss", "heldout");
        Map<String, Double> c =
                plugin().estimate(handCell(heldout, head(), List.of(0.9, 0.6))).components();
        assertThat(c).doesNotContainKeys("pretrain_heldout_loss", "transferability_from_heldout");
        assertThat(c.get("transferability_term")).isCloseTo(0.6, within(1e-12)); // the curve's, as by default
    }

    @Test
    void aKnnCellIsRefusedSayingWhatItNeeds() {
        Head knn = new Head(Head.NONE, new Weights(Map.of()));
        assertThatThrownBy(() -> plugin().estimate(handCell(Map.of(), knn, List.of())))
                .hasMessageContaining("deng-bound needs a 'linear' head")
                .hasMessageContaining("got 'none'");
    }
}
