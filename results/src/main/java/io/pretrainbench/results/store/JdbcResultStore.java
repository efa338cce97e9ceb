package io.pretrainbench.results.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * The store's tables read and written through JDBC, in the SQL that SQLite and PostgreSQL share; the subclasses open
 * the database, keep its schema version, and (PostgreSQL) reconnect. Every public method runs in one transaction under
 * this object's lock.
 */
public abstract class JdbcResultStore implements ResultStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

    /** The store as messages name it: a file path, or a URL without any password. */
    protected final String name;

    protected JdbcResultStore(String name) {
        this.name = name;
    }

    /** The connection to use now (a subclass may replace a lost one between transactions). */
    protected abstract Connection connection() throws SQLException;

    /**
     * Takes the write lock on one cell id before it is read and written, so that two processes storing the same cell at
     * once are serialised. SQLite's writer lock is per database and taken by the first write of a transaction: its
     * store writes first instead (see {@link SqliteResultStore}).
     */
    protected abstract void lockCell(String cellId) throws SQLException;

    @Override
    public synchronized void startRun(RunInfo run) {
        transaction(
                "cannot start run " + run.runId(),
                () -> execute(
                        "INSERT INTO runs (run_id, grid_name, grid_hash, grid_source, started_at, environment) VALUES"
                                + " (?,?,?,?,?,?)",
                        run.runId(),
                        run.gridName(),
                        run.gridHash(),
                        run.gridSource(),
                        run.startedAt().toString(),
                        json(new TreeMap<>(run.environment()))));
    }

    @Override
    public synchronized void finishRun(String runId, Instant finishedAt) {
        int updated = transaction(
                "cannot finish run " + runId,
                () -> execute("UPDATE runs SET finished_at = ? WHERE run_id = ?", finishedAt.toString(), runId));
        if (updated == 0) {
            throw new IllegalArgumentException(
                    "results store " + name + " holds no run '" + runId + "' to finish; runs: "
                            + runs().stream().map(RunInfo::runId).toList());
        }
    }

    @Override
    public synchronized Set<String> succeededCellIds() {
        return transaction("cannot read cells", this::succeeded);
    }

    private Set<String> succeeded() throws SQLException {
        Set<String> ids = new HashSet<>();
        query("SELECT cell_id FROM cells WHERE status = 'SUCCEEDED'", rs -> ids.add(rs.getString(1)));
        return ids;
    }

    @Override
    public synchronized void record(CellResult r) {
        transaction("cannot store cell " + r.key().label(), () -> insertUnlessSucceeded(r));
    }

    /**
     * Merges runs and cells from elsewhere (a submission bundle) in ONE transaction: everything or nothing. Runs
     * already present are kept; a cell already stored as succeeded is kept, any other is replaced by the incoming one.
     *
     * @return how many cells were written
     */
    public synchronized int merge(List<RunInfo> runs, List<CellResult> cells) {
        return transaction("cannot merge " + cells.size() + " cells", () -> {
            int written = 0;
            for (RunInfo run : runs) {
                insertRunUnlessPresent(run);
            }
            Set<String> succeeded = succeeded();
            for (CellResult cell : cells) {
                if (!succeeded.contains(cell.key().cellId())) {
                    insert(cell);
                    written++;
                }
            }
            return written;
        });
    }

    /** Adds a run's record; a run already there (the same id) is kept as it is. The caller holds the transaction. */
    protected final void insertRunUnlessPresent(RunInfo run) throws SQLException {
        execute(
                "INSERT INTO runs (run_id, grid_name, grid_hash, grid_source, started_at, environment)"
                        + " VALUES (?,?,?,?,?,?) ON CONFLICT (run_id) DO NOTHING",
                run.runId(),
                run.gridName(),
                run.gridHash(),
                run.gridSource(),
                run.startedAt().toString(),
                json(new TreeMap<>(run.environment())));
    }

    /**
     * Writes a cell unless it is already stored as succeeded: a succeeded cell is never replaced, so a cell run twice
     * (by two workers after a lease expired, or by two runs of one grid at once) is stored once.
     *
     * @return whether the cell was written
     */
    protected boolean insertUnlessSucceeded(CellResult r) throws SQLException {
        lockCell(r.key().cellId());
        if (exists(
                "SELECT 1 FROM cells WHERE cell_id = ? AND status = 'SUCCEEDED'",
                r.key().cellId())) {
            return false;
        }
        insert(r);
        return true;
    }

    /** Writes one cell and its children; the caller holds the transaction. */
    protected void insert(CellResult r) throws SQLException {
        CellKey k = r.key();
        CellOutcome o = r.outcome();
        // A retried cell replaces its earlier attempt; ON DELETE CASCADE removes that attempt's children. The DELETE
        // comes first because it takes the write lock: a read before it could not wait for another writer (SQLite
        // answers SQLITE_BUSY at once when a reader's snapshot is stale), a write waits up to the busy timeout.
        execute("DELETE FROM cells WHERE cell_id = ?", k.cellId());
        if (!exists("SELECT 1 FROM runs WHERE run_id = ?", r.runId())) {
            throw new IllegalArgumentException("cell " + k.label() + " names run '" + r.runId()
                    + "', which results store " + name + " does not hold: call startRun first");
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
        try (PreparedStatement curve = connection().prepareStatement("INSERT INTO curves VALUES (?,?,?,?)")) {
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
        // One read transaction: a cell committed by another process between these queries must not appear without
        // bounds.
        return transaction("cannot read cells", this::readCells);
    }

    private List<StoredCell> readCells() throws SQLException {
        List<StoredCell> cells = new ArrayList<>();
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
        return cells;
    }

    @Override
    public synchronized Map<String, List<Double>> curves(String cellId) {
        return transaction("cannot read curves", () -> {
            Map<String, List<Double>> curves = new LinkedHashMap<>();
            query(
                    "SELECT phase, loss FROM curves WHERE cell_id = ? ORDER BY phase, step",
                    rs -> curves.computeIfAbsent(rs.getString(1), x -> new ArrayList<>())
                            .add(rs.getDouble(2)),
                    cellId);
            return curves;
        });
    }

    @Override
    public synchronized List<RunInfo> runs() {
        return transaction("cannot read runs", () -> {
            List<RunInfo> runs = new ArrayList<>();
            query(
                    "SELECT * FROM runs ORDER BY started_at, run_id",
                    rs -> runs.add(new RunInfo(
                            rs.getString("run_id"),
                            rs.getString("grid_name"),
                            rs.getString("grid_hash"),
                            rs.getString("grid_source"),
                            Instant.parse(rs.getString("started_at")),
                            stringMap(rs.getString("environment")))));
            return runs;
        });
    }

    // --- JDBC plumbing -------------------------------------------------------------------------------------------

    /** Work done inside a transaction; may be run again by a store that retries after a lost connection. */
    protected interface Work<T> {
        T run() throws SQLException;
    }

    protected interface Statements {
        void run() throws SQLException;
    }

    protected interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction on this store's connection: committed if it returns, rolled back if it
     * throws. The caller holds this object's lock.
     *
     * @param what what is being done, for the error message
     */
    protected <T> T transaction(String what, Work<T> work) {
        try {
            return transactionOnce(work);
        } catch (SQLException e) {
            throw new IllegalStateException(what + " in " + name + ": " + e.getMessage(), e);
        }
    }

    protected final void transaction(String what, Statements work) {
        transaction(what, () -> {
            work.run();
            return null;
        });
    }

    protected final <T> T transactionOnce(Work<T> work) throws SQLException {
        Connection c = connection();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException lost) {
                e.addSuppressed(lost); // the connection is gone: the server rolls back on its own
            }
            throw e;
        } finally {
            try {
                c.setAutoCommit(true);
            } catch (SQLException lost) {
                // as above
            }
        }
    }

    protected final void query(String sql, RowReader reader, Object... args) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    protected final int execute(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    protected final boolean exists(String sql, Object... args) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            bind(s, args);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                s.setNull(i + 1, java.sql.Types.NULL); // PostgreSQL infers the column's type
            } else {
                s.setObject(i + 1, args[i]);
            }
        }
    }

    /** SQLite has no NaN: store "not measured" as NULL (in both dialects, so that they read alike). */
    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    static String json(Map<String, String> map) {
        return CanonicalJson.write(map);
    }

    static Map<String, String> stringMap(String json) {
        try {
            return JSON.readValue(json, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON in results store: " + json, e);
        }
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing after a failure: the original error is what matters
            }
        }
    }
}
