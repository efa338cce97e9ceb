package io.pretrainbench.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.tck.BoundEstimatorContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RademacherLinearTest extends BoundEstimatorContract<RademacherLinear> {
  @Override
  protected RademacherLinear plugin() {
    return new RademacherLinear();
  }

  @Test
  void forOrthogonalEqualNormPointsMonteCarloEqualsTheClosedForm() {
    // ‖Σ σ_i x_i‖ = √n·r for every sign vector when the x_i are orthogonal with norm r: Jensen's bound is tight.
    int n = 5;
    double r = 3;
    double[] x = new double[n * n];
    for (int i = 0; i < n; i++) {
      x[i * n + i] = r;
    }
    assertThat(RademacherLinear.expectedSignedSumNorm(x, n, n, 50, 1)).isCloseTo(Math.sqrt(n) * r, within(1e-12));
  }

  @Test
  void forCollinearPointsMonteCarloApproachesTheKnownMean() {
    // x_i = e₁ for all i: E|Σσ_i| for n = 2 is (0·2 + 2·2)/4 = 1, while the closed form gives √2.
    double[] x = {1, 1};
    assertThat(RademacherLinear.expectedSignedSumNorm(x, 2, 1, 20_000, 7)).isCloseTo(1.0, within(0.03));
  }

  @Test
  void theValueIsAssembledFromItsComponentsAsTheTheoremStates() {
    BoundEstimate e = plugin().estimate(context(3));
    Map<String, Double> c = e.components();
    double rademacher = c.get("head_norm") / c.get("n") * c.get("feature_norm_sum");
    assertThat(c.get("rademacher_closed_form")).isCloseTo(rademacher, within(1e-12));
    assertThat(c.get("rademacher_monte_carlo")).isLessThanOrEqualTo(c.get("rademacher_closed_form") * (1 + 1e-9));
    assertThat(c.get("complexity_term"))
        .isCloseTo(4 * c.get("classes") / c.get("margin") * c.get("rademacher_closed_form"), within(1e-9));
    assertThat(c.get("confidence")).isCloseTo(Math.sqrt(Math.log(1 / 0.05) / (2 * c.get("n"))), within(1e-12));
    assertThat(e.value()).isCloseTo(c.get("empirical_margin_loss") - c.get("train_error") + c.get("complexity_term")
        + c.get("confidence"), within(1e-12));
    assertThat(c.get("empirical_margin_loss")).isGreaterThanOrEqualTo(c.get("train_error"));
  }

  @Test
  void theMarginIsAQuantileOfPositiveMargins() {
    assertThat(RademacherLinear.marginQuantile(new double[] {-1, 0.5, 0.1, 0.3, 0.2}, 0.5)).isEqualTo(0.3);
    assertThat(RademacherLinear.marginQuantile(new double[] {-1, -2}, 0.5)).isEqualTo(1e-6);
  }
}
