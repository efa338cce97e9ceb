/**
 * The study command's output: the table, CSV, JSON and plots of a study's rows, written without knowing which case
 * studies produced them. Parsing and running live in {@code io.pretrainbench.engine.study}.
 */
package io.pretrainbench.cli.study;
