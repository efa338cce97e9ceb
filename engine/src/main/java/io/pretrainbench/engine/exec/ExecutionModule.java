package io.pretrainbench.engine.exec;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.pretrainbench.engine.env.EnvironmentProbe;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Binds the local executor's settings, the encoder cache, progress output and the environment probe. */
public final class ExecutionModule extends AbstractModule {
    private final ExecutionSettings settings;
    private final PrintWriter out;
    private final boolean interactive;
    private final Path home;

    /**
     * @param out where progress goes
     * @param interactive whether {@code out} is a terminal (redrawn status line) or a log (one line per cell)
     * @param home the PretrainBench checkout, for the git commit recorded with each run; may be null
     */
    public ExecutionModule(ExecutionSettings settings, PrintWriter out, boolean interactive, Path home) {
        this.settings = settings;
        this.out = out;
        this.interactive = interactive;
        this.home = home;
    }

    @Override
    protected void configure() {
        bind(ExecutionSettings.class).toInstance(settings);
    }

    @Provides
    @Singleton
    EncoderCache encoderCache() {
        return new EncoderCache(settings.encoderCache());
    }

    @Provides
    @Singleton
    ProgressReporter progress() {
        return new ProgressReporter(out, interactive);
    }

    @Provides
    @Singleton
    EnvironmentProbe environment() {
        return new EnvironmentProbe(home);
    }
}
