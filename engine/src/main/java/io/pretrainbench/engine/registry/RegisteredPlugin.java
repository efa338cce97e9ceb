package io.pretrainbench.engine.registry;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.PluginDescriptor;

/**
 * A plugin instance as the host knows it.
 *
 * @param origin {@code built-in} or the path of the jar (or folder) it came from
 */
public record RegisteredPlugin(PluginKind kind, Plugin plugin, String origin) {
    public static final String BUILT_IN = "built-in";

    public PluginDescriptor descriptor() {
        return plugin.descriptor();
    }

    public String name() {
        return descriptor().name();
    }

    /** {@code kind:name@version}, as recorded with every result. */
    public String coordinates() {
        return kind.id() + ":" + name() + "@" + descriptor().version();
    }
}
