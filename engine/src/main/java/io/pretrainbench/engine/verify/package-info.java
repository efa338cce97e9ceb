/**
 * Re-running a sample of a submission bundle's cells here and comparing their metrics with the recorded ones
 * ({@link io.pretrainbench.engine.verify.BundleVerifier}): the check behind a leaderboard row, which a content hash or
 * a signature alone cannot give.
 */
package io.pretrainbench.engine.verify;
