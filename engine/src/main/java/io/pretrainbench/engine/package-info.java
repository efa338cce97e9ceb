/**
 * The engine: reads a grid file into a typed {@link io.pretrainbench.engine.grid.GridSpec}, discovers plugins
 * ({@link io.pretrainbench.engine.registry}), expands the grid into cells, runs them
 * ({@link io.pretrainbench.engine.exec}) and writes each result to the store of the {@code results} module; reads and
 * runs study files of case-study plugins ({@link io.pretrainbench.engine.study}). Wired with Guice, one module per
 * concern; the command line lives in {@link io.pretrainbench.cli}.
 *
 * <p>May depend on {@code api} and {@code results}; plugins are never referenced by class, only found at run time.
 */
package io.pretrainbench.engine;
