package io.pretrainbench.results.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/**
 * The embedded default store: one SQLite file (why SQLite, and the durability settings: see {@code package-info}).
 *
 * <p>WAL journal with {@code synchronous=FULL}: once {@link #record} returns, the cell survives the process being
 * killed and also an operating-system crash or power loss (the WAL is fsynced at each commit). One connection, used
 * under this object's lock: writes are one small transaction per cell, far below what a single writer sustains. Reads
 * of several tables run in one read transaction, so that they see one snapshot even while another process writes to the
 * same file.
 */
public final class SqliteResultStore extends JdbcResultStore {
    /** Bump when the schema changes incompatibly; {@link #open} refuses files with another version. */
    static final int SCHEMA_VERSION = 1;

    /**
     * Written to SQLite's header field {@code application_id} ("PTB1" in ASCII), so that {@code file(1)} and this class
     * recognise a store; stores created before the marker existed carry 0 and are recognised by their tables.
     */
    static final int APPLICATION_ID = 0x50544231;

    private static final Set<String> TABLES =
            Set.of("runs", "cells", "metrics", "bounds", "bound_components", "curves");

    private static final String[] SCHEMA = {
        """
    CREATE TABLE runs (
      run_id TEXT PRIMARY KEY, grid_name TEXT NOT NULL, grid_hash TEXT NOT NULL, grid_source TEXT NOT NULL,
      started_at TEXT NOT NULL, finished_at TEXT, environment TEXT NOT NULL)""",
        """
    CREATE TABLE cells (
      cell_id TEXT PRIMARY KEY, run_id TEXT NOT NULL REFERENCES runs(run_id),
      method TEXT NOT NULL, method_params TEXT NOT NULL, corpus TEXT NOT NULL, corpus_params TEXT NOT NULL,
      pretrain_seed INTEGER NOT NULL, task TEXT NOT NULL, task_params TEXT NOT NULL, budget INTEGER NOT NULL,
      protocol TEXT NOT NULL, protocol_params TEXT NOT NULL, seed INTEGER NOT NULL, estimators TEXT NOT NULL,
      plugin_versions TEXT NOT NULL, data_checksum TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('SUCCEEDED', 'FAILED')), error TEXT,
      wall_seconds REAL NOT NULL, cpu_seconds REAL NOT NULL, peak_memory_bytes INTEGER NOT NULL,
      encoder_checksum TEXT, recorded_at TEXT NOT NULL)""",
        """
    CREATE TABLE metrics (
      cell_id TEXT PRIMARY KEY REFERENCES cells(cell_id) ON DELETE CASCADE,
      train_accuracy REAL NOT NULL, test_accuracy REAL NOT NULL, train_risk REAL, test_risk REAL,
      validation_accuracy REAL, generalization_gap REAL NOT NULL)""",
        """
    CREATE TABLE bounds (
      cell_id TEXT NOT NULL REFERENCES cells(cell_id) ON DELETE CASCADE, estimator TEXT NOT NULL,
      value REAL, error TEXT, kind TEXT NOT NULL DEFAULT 'bound' CHECK (kind IN ('bound', 'diagnostic')),
      PRIMARY KEY (cell_id, estimator), CHECK ((value IS NULL) <> (error IS NULL)))""",
        """
    CREATE TABLE bound_components (
      cell_id TEXT NOT NULL, estimator TEXT NOT NULL, component TEXT NOT NULL, value REAL NOT NULL,
      PRIMARY KEY (cell_id, estimator, component),
      FOREIGN KEY (cell_id, estimator) REFERENCES bounds(cell_id, estimator) ON DELETE CASCADE)""",
        """
    CREATE TABLE curves (
      cell_id TEXT NOT NULL REFERENCES cells(cell_id) ON DELETE CASCADE, phase TEXT NOT NULL, step INTEGER NOT NULL,
      loss REAL NOT NULL, PRIMARY KEY (cell_id, phase, step))""",
        "CREATE INDEX cells_by_status ON cells(status)",
    };

    private final Connection connection;

    private SqliteResultStore(Path file, Connection connection) {
        super(file.toString());
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the store at {@code file}.
     *
     * @throws IllegalArgumentException naming the file if it is not a PretrainBench store or has another schema version
     */
    public static SqliteResultStore open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of results store " + file, e);
        }
        Connection c = null;
        try {
            c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                // Waits (instead of failing at once) while another process, e.g. a second `run` on the same file,
                // writes.
                s.execute("PRAGMA busy_timeout = 30000");
            }
            // Identify the file before changing anything in it: a foreign database must not be switched to WAL.
            migrate(file, c);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = FULL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            return new SqliteResultStore(file, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalArgumentException(
                    "results store " + file + " cannot be opened: " + e.getMessage()
                            + " (is it a PretrainBench results file? give another --results PATH)",
                    e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Creates the schema in an empty file, accepts a store of this schema version, refuses anything else. */
    private static void migrate(Path file, Connection c) throws SQLException {
        int version = intPragma(c, "user_version");
        int application = intPragma(c, "application_id");
        Set<String> tables = new TreeSet<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        String refuse = "results store " + file + " is not a PretrainBench store of schema version " + SCHEMA_VERSION;
        String hint = "; give another --results PATH (a new file is created if absent)";
        if (application != 0 && application != APPLICATION_ID) {
            throw new IllegalArgumentException(
                    refuse + ": it belongs to another application (SQLite application_id " + application + ")" + hint);
        }
        if (version == 0 && tables.isEmpty()) {
            createSchema(c);
            return;
        }
        if (application == APPLICATION_ID && version > SCHEMA_VERSION) {
            throw new IllegalArgumentException("results store " + file + " has schema version " + version
                    + ", written by a newer PretrainBench; this build reads version " + SCHEMA_VERSION
                    + ": use that newer version" + hint);
        }
        if (version != SCHEMA_VERSION || !tables.containsAll(TABLES)) {
            Set<String> missing = new TreeSet<>(TABLES);
            missing.removeAll(tables);
            throw new IllegalArgumentException(refuse + " (found user_version " + version + ", tables " + tables
                    + (missing.isEmpty() ? "" : ", missing " + missing) + ")" + hint);
        }
        addKindColumn(c);
    }

    /**
     * Stores written before estimators declared their kind (SPI 1.1) have no {@code bounds.kind}: it is added with
     * every existing estimate a bound, as all estimators then were. An added column with a default leaves the schema
     * readable by older builds, which select the columns they know, so the schema version stays.
     */
    private static void addKindColumn(Connection c) throws SQLException {
        boolean present = false;
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA table_info(bounds)")) {
            while (rs.next()) {
                present |= "kind".equals(rs.getString("name"));
            }
        }
        if (!present) {
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE bounds ADD COLUMN kind TEXT NOT NULL DEFAULT 'bound'"
                        + " CHECK (kind IN ('bound', 'diagnostic'))");
            }
        }
    }

    private static void createSchema(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            for (String ddl : SCHEMA) {
                s.execute(ddl);
            }
            s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            s.execute("PRAGMA application_id = " + APPLICATION_ID);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static int intPragma(Connection c, String pragma) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.getInt(1);
        }
    }

    @Override
    protected Connection connection() {
        return connection;
    }

    /**
     * SQLite answers SQLITE_BUSY at once (without waiting for the busy timeout) when a transaction that has read tries
     * to write after another process wrote: so the first statement of a cell's transaction is a write, which takes the
     * database's write lock or waits for it. It deletes a failed earlier attempt, which the insert replaces anyway.
     */
    @Override
    protected void lockCell(String cellId) throws SQLException {
        execute("DELETE FROM cells WHERE cell_id = ? AND status <> 'SUCCEEDED'", cellId);
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }
}
