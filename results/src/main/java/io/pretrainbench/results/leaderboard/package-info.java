/**
 * Leaderboards: mean test accuracy with 95% confidence intervals over seeds, ranked with ties, per task, budget and
 * protocol.
 */
package io.pretrainbench.results.leaderboard;
