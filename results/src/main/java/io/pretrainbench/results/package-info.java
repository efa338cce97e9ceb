/**
 * Results: the store (embedded SQLite by default, {@link io.pretrainbench.results.store}), leaderboards with confidence
 * intervals ({@link io.pretrainbench.results.leaderboard}), paired comparisons, bound scores, export to JSON, CSV and
 * Parquet ({@link io.pretrainbench.results.export}), bundles and the HTML report. Depends on the SPI's records only,
 * without TensorFlow (TensorBoard event files are the {@code tensorboard} module's); knows nothing of the engine.
 */
package io.pretrainbench.results;
