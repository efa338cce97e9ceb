/**
 * Neural-network building blocks shared by the built-in plugins, for TensorFlow Java. A library, not a plugin: it
 * registers no services, and plugins outside this repository may use it or not.
 *
 * <ul>
 *   <li>{@link io.pretrainbench.nn.Sessions}: ops placed on a cell's device and sessions with its thread budget
 *       ({@link io.pretrainbench.api.Compute}); feeding Java arrays; reading trained variables back into
 *       {@link io.pretrainbench.api.model.Weights}.
 *   <li>{@link io.pretrainbench.nn.Initializers}: initial weights drawn in Java from a seed, bit-identical everywhere.
 *   <li>{@link io.pretrainbench.nn.Layers}, {@link io.pretrainbench.nn.Transformer}: dense layers, losses, blocks.
 *   <li>Encoders ({@link io.pretrainbench.api.model.Encoder}s): {@link io.pretrainbench.nn.MlpEncoder} ({@code mlp}),
 *       {@link io.pretrainbench.nn.CnnEncoder} ({@code cnn}), {@link io.pretrainbench.nn.VitEncoder} ({@code vit}).
 *   <li>Training: {@link io.pretrainbench.nn.Minibatches} (seeded shuffling into one reused buffer),
 *       {@link io.pretrainbench.nn.TrainingLoop} (epochs, cancellation, loss reporting),
 *       {@link io.pretrainbench.nn.Adam}, {@link io.pretrainbench.nn.GraphTrainer} (one graph, its session and its Adam
 *       update: build, minimise, step, read the weights back).
 * </ul>
 *
 * <p>Model code and the training machinery live here; what a method's steps feed and what its loss is live in the
 * plugins that own them. An encoder's features for a set of examples are computed by the SPI's
 * {@link io.pretrainbench.api.model.EncoderFeatures#compute}, the one entry point the host, the conformance kit and the
 * protocols share, so it is not repeated here.
 */
package io.pretrainbench.nn;
