package io.pretrainbench.engine.registry;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * Child-first class loader for one plugin (a jar, or a folder of jars), after Trino's PluginClassLoader.
 *
 * <p>The SPI and TensorFlow Java (with what its types expose: protobuf and JavaCPP) come from the host, because the
 * plugin and the host must agree on those classes, and because TensorFlow's native library can be loaded by only one
 * class loader per JVM. Everything else is looked up in the plugin's own jars first, so a plugin may bundle library
 * versions that differ from the host's.
 */
final class PluginClassLoader extends URLClassLoader {
    private static final List<String> SHARED_PACKAGES = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "io.pretrainbench.api.",
            "org.tensorflow.",
            "com.google.protobuf.",
            "org.bytedeco.");

    PluginClassLoader(String name, URL[] jars, ClassLoader host) {
        super(name, jars, host);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                if (isShared(name)) {
                    return super.loadClass(name, resolve);
                }
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException notInPlugin) {
                    return super.loadClass(name, resolve);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    /** Service files come from the plugin's own jars only, so the host's providers are not found twice. */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith("META-INF/services/")) {
            return findResources(name);
        }
        List<URL> urls = Collections.list(findResources(name));
        urls.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(urls);
    }

    private static boolean isShared(String className) {
        return SHARED_PACKAGES.stream().anyMatch(className::startsWith);
    }
}
