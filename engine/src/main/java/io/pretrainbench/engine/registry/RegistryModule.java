package io.pretrainbench.engine.registry;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;

/** Binds the {@link PluginRegistry}: built-ins from the class path plus, optionally, a plugins folder. */
public final class RegistryModule extends AbstractModule {
    private final Path pluginsDir;

    /** @param pluginsDir folder of plugin jars, or null for built-ins only */
    public RegistryModule(Path pluginsDir) {
        this.pluginsDir = pluginsDir;
    }

    @Provides
    @Singleton
    PluginRegistry registry() {
        return new PluginDiscovery(RegistryModule.class.getClassLoader()).discover(pluginsDir);
    }
}
