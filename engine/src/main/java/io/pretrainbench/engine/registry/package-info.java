/**
 * Plugin discovery with {@link java.util.ServiceLoader}: built-ins from the class path, third-party jars each in their
 * own class loader.
 */
package io.pretrainbench.engine.registry;
