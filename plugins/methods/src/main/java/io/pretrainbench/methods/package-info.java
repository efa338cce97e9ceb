/**
 * Built-in pre-training methods: {@code scratch} (random initialisation, the supervised-from-scratch baseline),
 * {@code autoencoder} (MLP reconstruction, optionally denoising), {@code context-encoder} (CNN inpainting) and
 * {@code mae} (ViT masked autoencoder). {@code scratch} takes the architecture parameters of each of the others under
 * the same names and defaults, so every comparison is architecture for architecture. Depends on the SPI and on
 * {@code io.pretrainbench.nn}.
 */
package io.pretrainbench.methods;
