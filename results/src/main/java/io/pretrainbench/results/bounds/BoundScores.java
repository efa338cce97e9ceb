package io.pretrainbench.results.bounds;

import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.stat.correlation.KendallsCorrelation;

/**
 * Per bound estimator, over the succeeded cells that have its estimate: Kendall's τ (τ-b, ties accounted for) between
 * the estimate and the measured generalization gap (train accuracy − test accuracy), as generalization-measure
 * studies rank measures (Jiang et al. 2020), and the fraction of cells where the bound holds (estimate ≥ gap).
 */
public final class BoundScores {
  /** One estimator's score. */
  public record Score(String estimator, int cells, double kendallTau, double holdsFraction, double meanEstimate,
      double meanGap) {}

  private BoundScores() {}

  public static List<Score> compute(List<StoredCell> cells) {
    Map<String, List<double[]>> pairs = new TreeMap<>();
    for (StoredCell cell : cells) {
      if (cell.status() != CellStatus.SUCCEEDED) {
        continue;
      }
      double gap = cell.metrics().orElseThrow().generalizationGap();
      for (Map.Entry<String, BoundEstimate> e : cell.bounds().entrySet()) {
        pairs.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new double[] {e.getValue().value(), gap});
      }
    }
    List<Score> scores = new ArrayList<>();
    pairs.forEach((estimator, values) -> {
      double[] estimates = values.stream().mapToDouble(v -> v[0]).toArray();
      double[] gaps = values.stream().mapToDouble(v -> v[1]).toArray();
      double tau = values.size() < 2 ? Double.NaN : new KendallsCorrelation().correlation(estimates, gaps);
      long holds = values.stream().filter(v -> v[0] >= v[1]).count();
      scores.add(new Score(estimator, values.size(), tau, (double) holds / values.size(),
          java.util.Arrays.stream(estimates).average().orElse(Double.NaN),
          java.util.Arrays.stream(gaps).average().orElse(Double.NaN)));
    });
    return scores;
  }

  public static Table table(List<Score> scores) {
    Table table = new Table(List.of("estimator", "cells", "kendall_tau", "holds_fraction", "mean_estimate", "mean_gap"));
    for (Score s : scores) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("estimator", s.estimator());
      row.put("cells", s.cells());
      row.put("kendall_tau", s.kendallTau());
      row.put("holds_fraction", s.holdsFraction());
      row.put("mean_estimate", s.meanEstimate());
      row.put("mean_gap", s.meanGap());
      table.add(row);
    }
    return table;
  }
}
