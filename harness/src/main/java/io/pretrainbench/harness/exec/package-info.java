/**
 * Running cells: the {@link io.pretrainbench.harness.exec.GridRunner} (local worker pool, per-cell time limit,
 * resume), the {@link io.pretrainbench.harness.exec.CellRunner} (pre-train, fine-tune, estimate for one cell), the
 * {@link io.pretrainbench.harness.exec.EncoderCache} and progress display.
 */
package io.pretrainbench.harness.exec;
