package io.pretrainbench.results.bounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundScoresTest {
  @TempDir Path dir;

  @Test
  void kendallTauAndHoldingFractionMatchAHandCount() {
    // gaps 0.1, 0.2, 0.3, 0.4; estimates 0.5, 0.15, 0.6, 0.7: pairs concordant 5 of 6, so τ = (5 − 1)/6.
    double[] gaps = {0.1, 0.2, 0.3, 0.4};
    double[] estimates = {0.5, 0.15, 0.6, 0.7};
    List<BoundScores.Score> scores;
    try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
      store.startRun(Cells.run());
      for (int i = 0; i < 4; i++) {
        store.record(new CellResult(Cells.key("c" + i, "mae", 100, i), "run-1", CellStatus.SUCCEEDED, null, 1, 1, 1,
            "e", Optional.of(new Metrics(0.9, 0.9 - gaps[i], 0.1, 0.2, 0.5)),
            Map.of("b", new BoundEstimate(estimates[i], Map.of())), Map.of(), Map.of()));
      }
      scores = BoundScores.compute(store.cells());
    }
    BoundScores.Score b = scores.get(0);
    assertThat(b.cells()).isEqualTo(4);
    assertThat(b.kendallTau()).isCloseTo(4.0 / 6, within(1e-9));
    assertThat(b.holdsFraction()).isEqualTo(0.75); // 0.15 < 0.2 fails
  }
}
