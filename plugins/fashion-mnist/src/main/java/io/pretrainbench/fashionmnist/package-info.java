/**
 * Fashion-MNIST from the IDX files of Debian's {@code dataset-fashion-mnist}: the {@code fashion-mnist} pre-training
 * corpus and the {@code fmnist-10class} and {@code fmnist-binary} downstream tasks.
 */
package io.pretrainbench.fashionmnist;
