/** Leaderboard submission bundles: a store's runs and cells in one hashed JSON file, exported and merged elsewhere. */
package io.pretrainbench.results.bundle;
