/** Built-in bound estimators: {@code rademacher-linear}. */
package io.pretrainbench.bounds;
