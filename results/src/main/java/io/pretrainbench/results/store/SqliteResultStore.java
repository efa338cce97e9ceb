package io.pretrainbench.results.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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
public final class SqliteResultStore implements ResultStore {
    /** Bump when the schema changes incompatibly; {@link #open} refuses files with another version. */
    static final int SCHEMA_VERSION = 1;

    /**
     * Written to SQLite's header field {@code application_id} ("PTB1" in ASCII), so that {@code file(1)} and this class
     * recognise a store; stores created before the marker existed carry 0 and are recognised by their tables.
     */
    static final int APPLICATION_ID = 0x50544231;

    private static final Set<String> TABLES =
            Set.of("runs", "cells", "metrics", "bounds", "bound_components", "curves");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

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

    private final Path file;
    private final Connection connection;

    private SqliteResultStore(Path file, Connection connection) {
        this.file = file;
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
    public synchronized void startRun(RunInfo run) {
        update(
                "INSERT INTO runs (run_id, grid_name, grid_hash, grid_source, started_at, environment) VALUES"
                        + " (?,?,?,?,?,?)",
                run.runId(),
                run.gridName(),
                run.gridHash(),
                run.gridSource(),
                run.startedAt().toString(),
                json(new TreeMap<>(run.environment())));
    }

    @Override
    public synchronized void finishRun(String runId, Instant finishedAt) {
        int updated = update("UPDATE runs SET finished_at = ? WHERE run_id = ?", finishedAt.toString(), runId);
        if (updated == 0) {
            throw new IllegalArgumentException(
                    "results store " + file + " holds no run '" + runId + "' to finish; runs: "
                            + runs().stream().map(RunInfo::runId).toList());
        }
    }

    @Override
    public synchronized Set<String> succeededCellIds() {
        Set<String> ids = new HashSet<>();
        query("SELECT cell_id FROM cells WHERE status = 'SUCCEEDED'", rs -> ids.add(rs.getString(1)));
        return ids;
    }

    @Override
    public synchronized void record(CellResult r) {
        inTransaction("cannot store cell " + r.key().label(), () -> insert(r));
    }

    /**
     * Merges runs and cells from elsewhere (a submission bundle) in ONE transaction: everything or nothing. Runs
     * already present are kept; a cell already stored as succeeded is kept, any other is replaced by the incoming one.
     *
     * @return how many cells were written
     */
    public synchronized int merge(List<RunInfo> runs, List<CellResult> cells) {
        int[] written = {0};
        inTransaction("cannot merge " + cells.size() + " cells", () -> {
            for (RunInfo run : runs) {
                execute(
                        "INSERT OR IGNORE INTO runs (run_id, grid_name, grid_hash, grid_source, started_at,"
                                + " environment)"
                                + " VALUES (?,?,?,?,?,?)",
                        run.runId(),
                        run.gridName(),
                        run.gridHash(),
                        run.gridSource(),
                        run.startedAt().toString(),
                        json(new TreeMap<>(run.environment())));
            }
            Set<String> succeeded = succeededCellIds();
            for (CellResult cell : cells) {
                if (!succeeded.contains(cell.key().cellId())) {
                    insert(cell);
                    written[0]++;
                }
            }
        });
        return written[0];
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void inTransaction(String what, Work work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(what + " in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes one cell and its children; the caller holds the transaction. */
    private void insert(CellResult r) throws SQLException {
        CellKey k = r.key();
        CellOutcome o = r.outcome();
        // A retried cell replaces its earlier attempt; ON DELETE CASCADE removes that attempt's children. The DELETE
        // comes first because it takes the write lock: a read before it could not wait for another writer (SQLite
        // answers SQLITE_BUSY at once when a reader's snapshot is stale), a write waits up to the busy timeout.
        execute("DELETE FROM cells WHERE cell_id = ?", k.cellId());
        if (!exists("SELECT 1 FROM runs WHERE run_id = ?", r.runId())) {
            throw new IllegalArgumentException("cell " + k.label() + " names run '" + r.runId()
                    + "', which results store " + file + " does not hold: call startRun first");
        }
        execute(
                "INSERT INTO cells (cell_id, run_id, method, method_params, corpus, corpus_params, pretrain_seed, task,"
                        + " task_params, budget, protocol, protocol_params, seed, estimators, plugin_versions,"
                        + " data_checksum,"
                        + " status, error, wall_seconds, cpu_seconds, peak_memory_bytes, encoder_checksum, recorded_at)"
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                k.cellId(),
                r.runId(),
                k.method(),
                k.methodParams(),
                k.corpus(),
                k.corpusParams(),
                k.pretrainSeed(),
                k.task(),
                k.taskParams(),
                k.budget(),
                k.protocol(),
                k.protocolParams(),
                k.seed(),
                json(new TreeMap<>(k.estimators())),
                json(new TreeMap<>(k.pluginVersions())),
                k.dataChecksum(),
                o.status().name(),
                o.error(),
                o.wallSeconds(),
                o.cpuSeconds(),
                o.peakMemoryBytes(),
                o.encoderChecksum(),
                Instant.now().toString());
        if (o.metrics().isPresent()) {
            Metrics m = o.metrics().get();
            execute(
                    "INSERT INTO metrics VALUES (?,?,?,?,?,?,?)",
                    k.cellId(),
                    m.trainAccuracy(),
                    m.testAccuracy(),
                    finite(m.trainRisk()),
                    finite(m.testRisk()),
                    finite(m.validationAccuracy()),
                    m.generalizationGap());
        }
        for (Map.Entry<String, BoundEstimate> b : o.bounds().entrySet()) {
            execute(
                    "INSERT INTO bounds (cell_id, estimator, value, kind) VALUES (?,?,?,?)",
                    k.cellId(),
                    b.getKey(),
                    b.getValue().value(),
                    kind(o, b.getKey()));
            for (Map.Entry<String, Double> c : b.getValue().components().entrySet()) {
                execute(
                        "INSERT INTO bound_components VALUES (?,?,?,?)",
                        k.cellId(),
                        b.getKey(),
                        c.getKey(),
                        c.getValue());
            }
        }
        for (Map.Entry<String, String> e : o.boundErrors().entrySet()) {
            execute(
                    "INSERT INTO bounds (cell_id, estimator, error, kind) VALUES (?,?,?,?)",
                    k.cellId(),
                    e.getKey(),
                    e.getValue(),
                    kind(o, e.getKey()));
        }
        try (PreparedStatement curve = connection.prepareStatement("INSERT INTO curves VALUES (?,?,?,?)")) {
            for (Map.Entry<String, List<Double>> c : r.curves().entrySet()) {
                List<Double> losses = c.getValue();
                for (int step = 0; step < losses.size(); step++) {
                    curve.setString(1, k.cellId());
                    curve.setString(2, c.getKey());
                    curve.setInt(3, step + 1);
                    curve.setDouble(4, losses.get(step));
                    curve.addBatch();
                }
            }
            curve.executeBatch();
        }
    }

    private static String kind(CellOutcome outcome, String estimator) {
        return outcome.diagnostics().contains(estimator) ? "diagnostic" : "bound";
    }

    @Override
    public synchronized List<StoredCell> cells() {
        List<StoredCell> cells = new ArrayList<>();
        // One read transaction: a cell committed by another process between these queries must not appear without
        // bounds.
        inTransaction("cannot read cells", () -> readCells(cells));
        return cells;
    }

    private void readCells(List<StoredCell> cells) {
        Map<String, Map<String, Double>> components = new TreeMap<>();
        query("SELECT cell_id, estimator, component, value FROM bound_components", rs -> components
                .computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), x -> new TreeMap<>())
                .put(rs.getString(3), rs.getDouble(4)));
        Map<String, Map<String, BoundEstimate>> bounds = new TreeMap<>();
        Map<String, Map<String, String>> boundErrors = new TreeMap<>();
        Map<String, Set<String>> diagnostics = new TreeMap<>();
        query("SELECT cell_id, estimator, value, error, kind FROM bounds", rs -> {
            String cell = rs.getString(1);
            String estimator = rs.getString(2);
            if ("diagnostic".equals(rs.getString(5))) {
                diagnostics.computeIfAbsent(cell, x -> new TreeSet<>()).add(estimator);
            }
            double value = rs.getDouble(3);
            if (rs.wasNull()) {
                boundErrors.computeIfAbsent(cell, x -> new TreeMap<>()).put(estimator, rs.getString(4));
            } else {
                bounds.computeIfAbsent(cell, x -> new TreeMap<>())
                        .put(
                                estimator,
                                new BoundEstimate(
                                        value, components.getOrDefault(cell + "\u0000" + estimator, Map.of())));
            }
        });
        query(
                """
        SELECT c.*, m.train_accuracy, m.test_accuracy, m.train_risk, m.test_risk, m.validation_accuracy
        FROM cells c LEFT JOIN metrics m ON m.cell_id = c.cell_id
        ORDER BY c.task, c.budget, c.protocol, c.method, c.method_params, c.corpus, c.corpus_params,
                 c.pretrain_seed, c.seed, c.cell_id""",
                rs -> {
                    String id = rs.getString("cell_id");
                    CellKey key = new CellKey(
                            id,
                            rs.getString("method"),
                            rs.getString("method_params"),
                            rs.getString("corpus"),
                            rs.getString("corpus_params"),
                            rs.getLong("pretrain_seed"),
                            rs.getString("task"),
                            rs.getString("task_params"),
                            rs.getInt("budget"),
                            rs.getString("protocol"),
                            rs.getString("protocol_params"),
                            rs.getLong("seed"),
                            stringMap(rs.getString("estimators")),
                            stringMap(rs.getString("plugin_versions")),
                            rs.getString("data_checksum"));
                    double trainAccuracy = rs.getDouble("train_accuracy");
                    Optional<Metrics> metrics = rs.wasNull()
                            ? Optional.empty()
                            : Optional.of(new Metrics(
                                    trainAccuracy,
                                    rs.getDouble("test_accuracy"),
                                    nullableDouble(rs, "train_risk"),
                                    nullableDouble(rs, "test_risk"),
                                    nullableDouble(rs, "validation_accuracy")));
                    CellOutcome outcome = new CellOutcome(
                            CellStatus.valueOf(rs.getString("status")),
                            rs.getString("error"),
                            rs.getDouble("wall_seconds"),
                            rs.getDouble("cpu_seconds"),
                            rs.getLong("peak_memory_bytes"),
                            rs.getString("encoder_checksum"),
                            metrics,
                            bounds.getOrDefault(id, Map.of()),
                            boundErrors.getOrDefault(id, Map.of()),
                            diagnostics.getOrDefault(id, Set.of()));
                    cells.add(new StoredCell(
                            key, rs.getString("run_id"), outcome, Instant.parse(rs.getString("recorded_at"))));
                });
    }

    @Override
    public synchronized Map<String, List<Double>> curves(String cellId) {
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        query(
                "SELECT phase, loss FROM curves WHERE cell_id = ? ORDER BY phase, step",
                rs -> curves.computeIfAbsent(rs.getString(1), x -> new ArrayList<>())
                        .add(rs.getDouble(2)),
                cellId);
        return curves;
    }

    @Override
    public synchronized List<RunInfo> runs() {
        List<RunInfo> runs = new ArrayList<>();
        query(
                "SELECT * FROM runs ORDER BY started_at",
                rs -> runs.add(new RunInfo(
                        rs.getString("run_id"),
                        rs.getString("grid_name"),
                        rs.getString("grid_hash"),
                        rs.getString("grid_source"),
                        Instant.parse(rs.getString("started_at")),
                        stringMap(rs.getString("environment")))));
        return runs;
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }

    // --- JDBC plumbing -------------------------------------------------------------------------------------------

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader, Object... args) {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read results store " + file + ": " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try {
            return execute(sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write results store " + file + ": " + e.getMessage(), e);
        }
    }

    private int execute(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    private boolean exists(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }

    /** SQLite has no NaN: store "not measured" as NULL. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    private static String json(Map<String, String> map) {
        return CanonicalJson.write(map);
    }

    private static Map<String, String> stringMap(String json) {
        try {
            return JSON.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in results store: " + json, e);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure: the original error is what matters
            }
        }
    }
}
