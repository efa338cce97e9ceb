/**
 * The conformance kit: one abstract JUnit 5 class per plugin kind
 * ({@link io.pretrainbench.tck.PretrainingCorpusContract}, {@link io.pretrainbench.tck.PretrainingMethodContract},
 * {@link io.pretrainbench.tck.DownstreamTaskContract}, {@link io.pretrainbench.tck.FineTuningProtocolContract},
 * {@link io.pretrainbench.tck.BoundEstimatorContract}), all sharing {@link io.pretrainbench.tck.PluginContract}. A
 * plugin's test extends the class of its kind and implements {@code plugin()} (and, for speed,
 * {@code fastParameters()}); the inherited tests check the descriptor, parameter validation, service registration,
 * determinism, save/restore, cancellation and the kind's own contract. Built-in and third-party plugins pass the same
 * kit.
 *
 * <p>The fixtures ({@link io.pretrainbench.tck.TckData} images, the {@link io.pretrainbench.tck.TckEncoder} random
 * projection) depend on the SPI and TensorFlow Java only, so the kit needs nothing of the host. The kit's own tests run
 * every contract against a correct plugin and against plugins with one defect each.
 */
package io.pretrainbench.tck;
