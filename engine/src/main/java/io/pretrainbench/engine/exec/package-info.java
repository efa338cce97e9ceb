/**
 * Running cells: the {@link io.pretrainbench.engine.exec.GridRunner} (local worker pool, per-cell time limit, resume),
 * the {@link io.pretrainbench.engine.exec.CellRunner} (pre-train, fine-tune, estimate for one cell), the
 * {@link io.pretrainbench.engine.exec.EncoderCache} and progress display.
 */
package io.pretrainbench.engine.exec;
