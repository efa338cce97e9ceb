/**
 * Study files: {@link io.pretrainbench.engine.study.StudyParser} reads one into a typed
 * {@link io.pretrainbench.engine.study.StudySpec}, checking each entry's parameters against its case-study plugin's
 * descriptor, and {@link io.pretrainbench.engine.study.StudyRunner} runs the Monte Carlo over sizes and seeded
 * replicates, whatever the cases. The output (table, CSV, JSON, plots) is the command line's.
 */
package io.pretrainbench.engine.study;
