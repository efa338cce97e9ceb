/**
 * The case-study plugin kind: {@link io.pretrainbench.api.study.CaseStudy}, registered in
 * {@code META-INF/services/io.pretrainbench.api.study.CaseStudy} and run by the host's study command from a study file.
 * A case declares its parameters in its descriptor and supplies a {@link io.pretrainbench.api.study.CaseModel} (exact
 * excess risk of one replicate, predicted limit); the host owns the replicates, their seeds, the confidence intervals
 * and the output.
 */
package io.pretrainbench.api.study;
