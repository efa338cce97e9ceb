/** The HTML report: one self-contained file (plots embedded as PNG data) that opens offline. */
package io.pretrainbench.results.report;
