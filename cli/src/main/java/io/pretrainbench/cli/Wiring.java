package io.pretrainbench.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.pretrainbench.engine.registry.PluginRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Builds the Guice injector of a command from the modules it needs. */
final class Wiring {
    private Wiring() {}

    static Injector injector(Module... modules) {
        return Guice.createInjector(modules);
    }

    /** Prints plugin-loading problems as warnings: broken plugins never stop the others. */
    static PluginRegistry reportProblems(PluginRegistry registry, PrintWriter err) {
        registry.problems().forEach(p -> err.println("warning: plugin not loaded: " + p));
        return registry;
    }

    /** The PretrainBench checkout the launcher runs from (for the git commit), or null. */
    static Path home() {
        String home = System.getProperty("pretrainbench.home");
        return home == null ? null : Path.of(home);
    }
}
