/**
 * Grid files: parsing and validation into a typed {@link io.pretrainbench.engine.grid.GridSpec}, and expansion into
 * cells with stable ids.
 */
package io.pretrainbench.engine.grid;
