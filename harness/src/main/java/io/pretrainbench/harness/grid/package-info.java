/** Grid files: parsing and validation into a typed {@link io.pretrainbench.harness.grid.GridSpec}, and expansion into cells with stable ids. */
package io.pretrainbench.harness.grid;
