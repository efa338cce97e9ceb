package io.pretrainbench.api;

/**
 * What every plugin kind has in common: a descriptor. Implementations need a public no-argument constructor (the
 * {@link java.util.ServiceLoader} contract) and must be safe to call from several threads at once: the host creates one
 * instance per plugin and runs cells in parallel.
 */
public interface Plugin {
    PluginDescriptor descriptor();
}
