package io.pretrainbench.engine.study;

import io.pretrainbench.api.study.Prediction;

/** One point of a sweep entry: the case's predicted limit with {@code parameter} set to {@code value}. */
public record SweepRow(String caseName, String parameter, double value, Prediction prediction) {}
