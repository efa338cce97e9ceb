/**
 * Paired comparisons of a method against a baseline (by default {@code scratch}): differences, intervals, tests, and
 * per pre-training of the method the budget at which the baseline catches up, beside its pre-training steps.
 */
package io.pretrainbench.results.compare;
