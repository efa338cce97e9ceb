/**
 * The kit's self-tests: one small, correct plugin of each kind that passes its contract, and deliberately broken
 * variants ({@link io.pretrainbench.tck.selftest.BrokenPlugins}) that each fail exactly the check aimed at their
 * defect.
 */
package io.pretrainbench.tck.selftest;
