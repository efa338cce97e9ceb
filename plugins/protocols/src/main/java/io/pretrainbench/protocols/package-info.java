/** Built-in fine-tuning protocols: {@code linear-probe}. */
package io.pretrainbench.protocols;
