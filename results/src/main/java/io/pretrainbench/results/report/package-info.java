/**
 * The HTML report: one self-contained file (plots embedded as PNG data) that opens offline; and the same plots' style
 * for the PNG files a command writes, such as {@code crossover}'s.
 */
package io.pretrainbench.results.report;
