package io.pretrainbench.engine.registry;

import io.pretrainbench.api.Plugin;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The plugins available to this process, by kind and name, and the problems met while discovering them. Built once by
 * {@link PluginDiscovery}; immutable afterwards, so cells running in parallel can share it.
 */
public final class PluginRegistry {
    private final Map<PluginKind, Map<String, RegisteredPlugin>> plugins;
    private final List<String> problems;

    PluginRegistry(Map<PluginKind, Map<String, RegisteredPlugin>> plugins, List<String> problems) {
        Map<PluginKind, Map<String, RegisteredPlugin>> copy = new EnumMap<>(PluginKind.class);
        for (PluginKind kind : PluginKind.values()) {
            copy.put(kind, Map.copyOf(plugins.getOrDefault(kind, Map.of())));
        }
        this.plugins = copy;
        this.problems = List.copyOf(problems);
    }

    public Optional<RegisteredPlugin> find(PluginKind kind, String name) {
        return Optional.ofNullable(plugins.get(kind).get(name));
    }

    /**
     * The plugin of this kind and name.
     *
     * @throws IllegalArgumentException saying what exists and how to add more, in the manner of Lucene's named SPI
     *     lookup
     */
    public Plugin get(PluginKind kind, String name) {
        return find(kind, name)
                .orElseThrow(() -> new IllegalArgumentException(unknown(kind, name)))
                .plugin();
    }

    /**
     * "no pre-training method 'x'; available: [a, b]. To add one, put its jar in the plugins folder (--plugins DIR)."
     */
    public String unknown(PluginKind kind, String name) {
        return "no " + kind.description() + " '" + name + "'; available: " + names(kind)
                + ". To add one, put its jar in the plugins folder (--plugins DIR)";
    }

    /** Names of this kind, sorted. */
    public List<String> names(PluginKind kind) {
        return List.copyOf(new TreeMap<>(plugins.get(kind)).keySet());
    }

    /** All plugins of a kind, sorted by name. */
    public Collection<RegisteredPlugin> all(PluginKind kind) {
        return new TreeMap<>(plugins.get(kind)).values();
    }

    /** One line per plugin that could not be loaded: origin, class and what was wrong. */
    public List<String> problems() {
        return problems;
    }
}
