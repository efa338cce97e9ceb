package io.pretrainbench.engine.storage;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.SqliteResultStore;
import java.nio.file.Path;

/**
 * Binds the {@link ResultStore}: the embedded SQLite file by default. The store is opened on first use, so commands
 * that fail before they need it (an invalid grid) leave no file behind; {@link #close()} closes it if it was opened.
 */
public final class StoreModule extends AbstractModule implements AutoCloseable {
    private final Path file;
    private volatile ResultStore opened;

    public StoreModule(Path file) {
        this.file = file;
    }

    @Provides
    @Singleton
    ResultStore store() {
        opened = SqliteResultStore.open(file);
        return opened;
    }

    @Override
    public void close() throws Exception {
        if (opened != null) {
            opened.close();
        }
    }
}
