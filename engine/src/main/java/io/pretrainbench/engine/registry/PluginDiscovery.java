package io.pretrainbench.engine.registry;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds plugins with {@link ServiceLoader}: first on the host's class path (the built-ins), then in a plugins folder,
 * where each {@code *.jar} file, and each sub-folder of jars, gets its own {@link PluginClassLoader}.
 *
 * <p>A broken provider never stops discovery: its problem is recorded as one line naming the origin, the class and the
 * conflict, and the other plugins load. So is a jar that is not a readable archive, and a jar or folder in which no
 * plugin was found, which a class loader would otherwise pass over in silence. Refused are providers whose construction
 * throws, duplicate names within a kind (the first one found wins, so built-ins cannot be shadowed), SPI versions this
 * host cannot run, and invalid descriptors.
 */
public final class PluginDiscovery {
    private final ClassLoader hostLoader;

    public PluginDiscovery(ClassLoader hostLoader) {
        this.hostLoader = hostLoader;
    }

    /** Discovers the built-ins and, if {@code pluginsDir} is given, the plugins in that folder. */
    public PluginRegistry discover(Path pluginsDir) {
        Map<PluginKind, Map<String, RegisteredPlugin>> found = new EnumMap<>(PluginKind.class);
        List<String> problems = new ArrayList<>();
        load(hostLoader, RegisteredPlugin.BUILT_IN, found, problems);
        if (pluginsDir != null) {
            if (!Files.isDirectory(pluginsDir)) {
                throw new IllegalArgumentException(
                        "plugins folder " + pluginsDir + " does not exist or is not a directory");
            }
            for (Path entry : pluginEntries(pluginsDir)) {
                List<Path> jars = jarsOf(entry);
                List<String> unreadable = unreadableJars(jars);
                if (!unreadable.isEmpty()) {
                    problems.addAll(unreadable);
                    continue;
                }
                if (jars.isEmpty()) {
                    problems.add(entry
                            + ": a plugin folder without any .jar file; put the plugin's jars in it or remove it");
                    continue;
                }
                int before = registeredCount(found) + problems.size();
                load(
                        new PluginClassLoader(entry.getFileName().toString(), urls(jars), hostLoader),
                        entry.toString(),
                        found,
                        problems);
                if (registeredCount(found) + problems.size() == before) {
                    problems.add(
                            entry + ": no plugin in it: none of its jars lists a provider in META-INF/services/ under "
                                    + PluginKind.serviceFileNames() + "; see docs/writing-plugins.md");
                }
            }
        }
        return new PluginRegistry(found, problems);
    }

    private static List<Path> pluginEntries(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list plugins folder " + dir, e);
        }
    }

    private static List<Path> jarsOf(Path entry) {
        try (Stream<Path> files = Files.isDirectory(entry) ? Files.list(entry) : Stream.of(entry)) {
            return files.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plugin " + entry, e);
        }
    }

    /**
     * One line per jar that is not a readable zip archive. A class loader would skip such a jar without a word, and the
     * plugin it was meant to be would silently be missing.
     */
    private static List<String> unreadableJars(List<Path> jars) {
        List<String> problems = new ArrayList<>();
        for (Path jar : jars) {
            try (JarFile ignored = new JarFile(jar.toFile())) {
                // opening reads the central directory: enough to know the class loader can use it
            } catch (IOException | SecurityException e) {
                problems.add(jar + ": not a readable jar ("
                        + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                        + "); replace it with the plugin's built jar or remove it");
            }
        }
        return problems;
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("plugin jar " + jars.get(i) + " has no valid URL", e);
            }
        }
        return urls;
    }

    private static int registeredCount(Map<PluginKind, Map<String, RegisteredPlugin>> found) {
        return found.values().stream().mapToInt(Map::size).sum();
    }

    private void load(
            ClassLoader loader,
            String origin,
            Map<PluginKind, Map<String, RegisteredPlugin>> found,
            List<String> problems) {
        for (PluginKind kind : PluginKind.values()) {
            ServiceLoader<? extends Plugin> services = ServiceLoader.load(kind.type(), loader);
            var providers = services.stream().iterator();
            while (true) {
                ServiceLoader.Provider<? extends Plugin> provider;
                try {
                    if (!providers.hasNext()) {
                        break;
                    }
                    provider = providers.next();
                } catch (ServiceConfigurationError e) {
                    problems.add(origin + ": " + kind.description() + ": " + rootMessage(e));
                    continue;
                }
                if (!RegisteredPlugin.BUILT_IN.equals(origin) && provider.type().getClassLoader() != loader) {
                    continue; // found through the parent: a built-in, already registered
                }
                register(kind, provider, origin, found, problems);
            }
        }
    }

    private static void register(
            PluginKind kind,
            ServiceLoader.Provider<? extends Plugin> provider,
            String origin,
            Map<PluginKind, Map<String, RegisteredPlugin>> found,
            List<String> problems) {
        String where = origin + ": " + provider.type().getName() + ": ";
        Plugin plugin;
        PluginDescriptor descriptor;
        try {
            plugin = provider.get();
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            problems.add(where + "provider threw while constructing: " + rootMessage(e));
            return;
        }
        try {
            descriptor = plugin.descriptor();
        } catch (RuntimeException | LinkageError e) {
            problems.add(where + "invalid descriptor: " + rootMessage(e));
            return;
        }
        if (descriptor == null) {
            problems.add(where + "descriptor() returned null");
            return;
        }
        if (!SpiVersion.isCompatible(descriptor.spiVersion(), SpiVersion.CURRENT)) {
            problems.add(where + kind.description() + " '" + descriptor.name() + "' was built for SPI "
                    + descriptor.spiVersion() + " but this host provides SPI " + SpiVersion.CURRENT
                    + "; rebuild it against pretrainbench-api "
                    + SpiVersion.CURRENT.split("\\.")[0] + ".x");
            return;
        }
        Map<String, RegisteredPlugin> ofKind = found.computeIfAbsent(kind, k -> new HashMap<>());
        RegisteredPlugin existing = ofKind.get(descriptor.name());
        if (existing != null) {
            problems.add(where + "duplicate " + kind.description() + " name '" + descriptor.name()
                    + "', already provided by " + existing.plugin().getClass().getName() + " (" + existing.origin()
                    + "); this one is ignored");
            return;
        }
        ofKind.put(descriptor.name(), new RegisteredPlugin(kind, plugin, origin));
    }

    /** The innermost cause's class and message: what actually went wrong inside a provider. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        if (t instanceof InvocationTargetException ite && ite.getTargetException() != null) {
            t = ite.getTargetException();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
