/** Paired comparisons of a method against a baseline (by default {@code scratch}): differences, intervals, tests. */
package io.pretrainbench.results.compare;
