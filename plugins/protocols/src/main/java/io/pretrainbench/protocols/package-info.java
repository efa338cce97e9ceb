/** Built-in fine-tuning protocols: {@code linear-probe}, {@code fine-tune} and {@code knn}. */
package io.pretrainbench.protocols;
