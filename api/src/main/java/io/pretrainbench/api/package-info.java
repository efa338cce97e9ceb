/**
 * The PretrainBench service-provider interface: the plugin kinds, their descriptors and the records that cross between
 * a plugin and the host.
 *
 * <p>Six plugin kinds, each discovered with {@link java.util.ServiceLoader} from {@code META-INF/services}:
 * {@link io.pretrainbench.api.pretrain.PretrainingCorpus}, {@link io.pretrainbench.api.pretrain.PretrainingMethod},
 * {@link io.pretrainbench.api.task.DownstreamTask}, {@link io.pretrainbench.api.finetune.FineTuningProtocol},
 * {@link io.pretrainbench.api.bound.BoundEstimator} (the cells of a grid) and
 * {@link io.pretrainbench.api.study.CaseStudy} (the entries of a study file). Each receives one context record holding
 * exactly what it may see, and nothing of the engine.
 *
 * <p><b>Contexts grow without breaking compiled plugins.</b> Plugins read contexts, never construct them positionally;
 * the host builds them and tests use each context's {@code builder()}. A new capability is a new record component
 * appended at the end plus a builder default, which keeps every accessor a compiled plugin calls. Contexts stay records
 * for the 1.x line: turning a record into an interface would make the {@code invokevirtual} of an accessor in a plugin
 * compiled against SPI 1.1 fail with {@link java.lang.IncompatibleClassChangeError}.
 *
 * <p>This module depends on TensorFlow Java's core API (graph-building types for encoders) and nothing else: no engine,
 * no dependency injection, no store.
 */
package io.pretrainbench.api;
