package io.pretrainbench.engine.storage;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.store.StoreLocation;
import java.time.Duration;

/**
 * Binds the {@link ResultStore}: the embedded SQLite file by default, or a PostgreSQL database. The store is opened on
 * first use, so commands that fail before they need it (an invalid grid) leave no file behind; {@link #close()} closes
 * it if it was opened.
 */
public final class StoreModule extends AbstractModule implements AutoCloseable {
    private final StoreLocation location;
    private final Duration patience;
    private volatile ResultStore opened;

    public StoreModule(StoreLocation location) {
        this(location, ResultStores.DEFAULT_PATIENCE);
    }

    /** @param patience how long a lost PostgreSQL connection is retried before the command gives up */
    public StoreModule(StoreLocation location, Duration patience) {
        this.location = location;
        this.patience = patience;
    }

    @Provides
    @Singleton
    ResultStore store() {
        opened = ResultStores.openOrCreate(location, patience);
        return opened;
    }

    @Override
    public void close() throws Exception {
        if (opened != null) {
            opened.close();
        }
    }
}
