package io.pretrainbench.results.store;

import java.nio.file.Files;
import java.time.Duration;

/** Opens the store a {@code --results} value names, SQLite or PostgreSQL, the one way every command does. */
public final class ResultStores {
    /** How long commands retry a lost PostgreSQL connection by default; workers take their own. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofMinutes(5);

    private ResultStores() {}

    /** Opens the store, creating it (a new SQLite file, or the schema in an empty database) if needed. */
    public static JdbcResultStore openOrCreate(StoreLocation location, Duration patience) {
        if (location instanceof StoreLocation.Postgres p) {
            return PostgresResultStore.open(p, true, patience);
        }
        return SqliteResultStore.open(((StoreLocation.SqliteFile) location).file());
    }

    /**
     * Opens a store that must exist already (commands that read): a missing file or an empty database is a mistake to
     * report, not a new empty store to create.
     */
    public static JdbcResultStore openExisting(StoreLocation location) {
        if (location instanceof StoreLocation.Postgres p) {
            return PostgresResultStore.open(p, false, DEFAULT_PATIENCE);
        }
        java.nio.file.Path file = ((StoreLocation.SqliteFile) location).file();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no results store at " + file
                    + "; run a grid first (pretrain-bench run GRID) or give --results PATH");
        }
        return SqliteResultStore.open(file);
    }
}
