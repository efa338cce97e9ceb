/** Wiring of the results store (module {@code results}) into the harness. */
package io.pretrainbench.engine.storage;
