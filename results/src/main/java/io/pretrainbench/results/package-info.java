/**
 * Results: the store (embedded SQLite by default, {@link io.pretrainbench.results.store}), leaderboards with
 * confidence intervals ({@link io.pretrainbench.results.leaderboard}), paired comparisons, bound scores, export to
 * JSON, CSV and Parquet ({@link io.pretrainbench.results.export}), TensorBoard event files
 * ({@link io.pretrainbench.tensorboard}), bundles and the HTML report. Depends on the SPI's records and
 * TensorFlow Java's core API only; knows nothing of the harness.
 */
package io.pretrainbench.results;
