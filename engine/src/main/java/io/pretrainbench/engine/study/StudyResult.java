package io.pretrainbench.engine.study;

import java.util.List;

/** What a study measured: one row per Monte-Carlo entry and n, one sweep row per sweep entry and value. */
public record StudyResult(List<StudyRow> rows, List<SweepRow> sweeps) {
    public StudyResult {
        rows = List.copyOf(rows);
        sweeps = List.copyOf(sweeps);
    }
}
