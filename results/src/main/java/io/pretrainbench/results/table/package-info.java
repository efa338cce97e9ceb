/** Tabular output shared by leaderboard and export: text, Markdown, CSV and JSON. */
package io.pretrainbench.results.table;
