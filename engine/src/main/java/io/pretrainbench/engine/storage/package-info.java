/** Wiring of the results store (module {@code results}) into the engine. */
package io.pretrainbench.engine.storage;
