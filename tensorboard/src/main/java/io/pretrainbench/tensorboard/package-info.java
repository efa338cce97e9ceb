/**
 * The training curves of a store as TensorBoard event files, written by TensorFlow's own summary ops: one run folder
 * per cell, so {@code tensorboard --logdir DIR} shows every cell's pre-training and fine-tuning loss per step. Reads
 * the store only; depends on {@code store} and TensorFlow Java's core API.
 */
package io.pretrainbench.tensorboard;
