package io.pretrainbench.engine.registry;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
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
import java.util.stream.Stream;

/**
 * Finds plugins with {@link ServiceLoader}: first on the host's class path (the built-ins), then in a plugins folder,
 * where each {@code *.jar} file, and each sub-folder of jars, gets its own {@link PluginClassLoader}.
 *
 * <p>A broken provider never stops discovery: its problem is recorded as one line naming the origin, the class and
 * the conflict, and the other plugins load. Refused are providers whose construction throws, duplicate names within a
 * kind (the first one found wins, so built-ins cannot be shadowed), SPI versions this host cannot run, and invalid
 * descriptors.
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
        throw new IllegalArgumentException("plugins folder " + pluginsDir + " does not exist or is not a directory");
      }
      for (Path entry : pluginEntries(pluginsDir)) {
        URL[] jars = jarsOf(entry);
        if (jars.length == 0) {
          continue;
        }
        load(new PluginClassLoader(entry.getFileName().toString(), jars, hostLoader), entry.toString(), found, problems);
      }
    }
    return new PluginRegistry(found, problems);
  }

  private static List<Path> pluginEntries(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(p -> Files.isDirectory(p) || p.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list plugins folder " + dir, e);
    }
  }

  private static URL[] jarsOf(Path entry) {
    try (Stream<Path> files = Files.isDirectory(entry) ? Files.list(entry) : Stream.of(entry)) {
      List<URL> urls = new ArrayList<>();
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        urls.add(jar.toUri().toURL());
      }
      return urls.toArray(URL[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read plugin " + entry, e);
    }
  }

  private void load(
      ClassLoader loader, String origin, Map<PluginKind, Map<String, RegisteredPlugin>> found, List<String> problems) {
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
      PluginKind kind, ServiceLoader.Provider<? extends Plugin> provider, String origin,
      Map<PluginKind, Map<String, RegisteredPlugin>> found, List<String> problems) {
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
          + "; rebuild it against pretrainbench-api " + SpiVersion.CURRENT.split("\\.")[0] + ".x");
      return;
    }
    Map<String, RegisteredPlugin> ofKind = found.computeIfAbsent(kind, k -> new HashMap<>());
    RegisteredPlugin existing = ofKind.get(descriptor.name());
    if (existing != null) {
      problems.add(where + "duplicate " + kind.description() + " name '" + descriptor.name() + "', already provided by "
          + existing.plugin().getClass().getName() + " (" + existing.origin() + "); this one is ignored");
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
