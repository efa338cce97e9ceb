/**
 * Neural-network building blocks shared by the built-in plugins: deterministic initialisation, layers, the MLP
 * encoder, minibatch iteration and session handling for TensorFlow Java. Model code lives here; training loops live in
 * the plugins that own them. A library, not a plugin: it registers no services.
 */
package io.pretrainbench.nn;
