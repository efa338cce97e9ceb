/**
 * Built-in pre-training methods on the MLP encoder: {@code scratch} (random initialisation: the supervised-from-scratch
 * baseline) and {@code autoencoder} (unsupervised reconstruction). Both take the same {@code hidden} architecture
 * parameter, so comparisons are architecture for architecture.
 */
package io.pretrainbench.methods;
