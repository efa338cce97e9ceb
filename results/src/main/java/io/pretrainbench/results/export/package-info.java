/**
 * Export of every stored cell to JSON, CSV or Parquet (the CSV's columns, typed), and of the leaderboard as Papers with
 * Code evaluation tables.
 */
package io.pretrainbench.results.export;
