/**
 * Built-in fine-tuning protocols: {@code linear-probe} (frozen encoder, softmax-linear head), {@code fine-tune} (all
 * weights trained) and {@code knn} (nearest neighbours on frozen features). The trained ones stop early on the
 * validation hold-out; every protocol touches the test split only for the final measurement. Depends on the SPI and on
 * {@code io.pretrainbench.nn}.
 */
package io.pretrainbench.protocols;
