/** How well each bound estimator tracks the measured generalization gap across the cells of a store. */
package io.pretrainbench.results.bounds;
