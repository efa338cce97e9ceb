/**
 * Results: the store (embedded SQLite by default, {@link io.pretrainbench.results.store}), leaderboards with
 * confidence intervals ({@link io.pretrainbench.results.leaderboard}) and export ({@link io.pretrainbench.results.export}).
 * Depends on the SPI's records only; knows nothing of the harness.
 */
package io.pretrainbench.results;
