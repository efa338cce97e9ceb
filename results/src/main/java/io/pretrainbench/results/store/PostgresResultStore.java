package io.pretrainbench.results.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The shared store of cluster runs: a PostgreSQL database, written by many worker processes at once. Same tables as the
 * SQLite store, plus the work queue ({@link WorkQueue}): cells and pre-trainings claimed under leases with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED}, so that concurrent workers never take the same cell and never wait for
 * each other's locks.
 *
 * <p><b>Schema versions</b> are Flyway migrations ({@code V1__store.sql}, {@code V2__work_queue.sql} next to this
 * class), recorded in the table {@code pretrainbench_schema_history}; Flyway's lock makes workers that start at once
 * migrate one at a time. A database with other tables and no such history is not a PretrainBench store and is refused
 * untouched; one migrated by a newer build is refused too.
 *
 * <p><b>Losing the database.</b> Every public method is one transaction. When the connection is lost (the server
 * restarted, the network dropped) the transaction is retried on a new connection with backoff, for up to
 * {@code patience}; then {@link StoreUnavailableException}. Retrying a transaction whose commit did reach the server is
 * harmless: cell writes are idempotent, and claims are made again.
 *
 * <p>Time is the database's ({@code now()}), so that leases compare on one clock whatever the workers' clocks say.
 */
public final class PostgresResultStore extends JdbcResultStore implements WorkQueue {
    static final String HISTORY_TABLE = "pretrainbench_schema_history";
    private static final String MIGRATIONS = "classpath:io/pretrainbench/results/store/postgresql";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final PGSimpleDataSource source;
    private final Duration patience;
    private Connection connection;

    private PostgresResultStore(String name, PGSimpleDataSource source, Duration patience) {
        super(name);
        this.source = source;
        this.patience = patience;
    }

    /**
     * Opens the store in {@code location}'s database.
     *
     * @param create whether an empty database gets the schema (commands that write); otherwise it is refused
     * @param patience how long a lost connection is retried before giving up
     * @throws IllegalArgumentException (one line, without a password) if the database cannot be reached or is not a
     *     PretrainBench store of a schema this build knows
     */
    public static PostgresResultStore open(StoreLocation.Postgres location, boolean create, Duration patience) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(location.jdbcUrl());
        source.setUser(location.user());
        String password = System.getenv("PGPASSWORD"); // otherwise the driver reads ~/.pgpass or PGPASSFILE
        if (password != null && !password.isEmpty()) {
            source.setPassword(password);
        }
        source.setApplicationName("pretrainbench");
        source.setConnectTimeout(10);
        source.setSocketTimeout(300);
        source.setTcpKeepAlive(true);
        String name = location.display();
        PostgresResultStore store = new PostgresResultStore(name, source, patience);
        try {
            store.connection = source.getConnection();
            migrate(name, store.connection, source, create);
            return store;
        } catch (SQLException e) {
            store.close();
            throw new IllegalArgumentException(
                    "results store " + name + " cannot be opened: " + firstLine(e.getMessage())
                            + " (is the server running, and the password in PGPASSWORD or ~/.pgpass?)",
                    e);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static void migrate(String name, Connection c, PGSimpleDataSource source, boolean create)
            throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (!tables.contains(HISTORY_TABLE)) {
            if (!tables.isEmpty()) {
                throw new IllegalArgumentException("results store " + name + " is not a PretrainBench store: its"
                        + " schema holds other tables " + tables + " and no " + HISTORY_TABLE
                        + "; give an empty database");
            }
            if (!create) {
                throw new IllegalArgumentException("results store " + name + " holds no results yet (an empty"
                        + " database); run a grid into it first (pretrain-bench run, worker or submit)");
            }
        }
        Flyway flyway = Flyway.configure()
                .dataSource(source)
                .locations(MIGRATIONS)
                .table(HISTORY_TABLE)
                .loggers("slf4j")
                .load();
        try {
            refuseNewer(name, flyway.info());
            flyway.migrate();
        } catch (FlywayException e) {
            throw new IllegalArgumentException(
                    "results store " + name + ": its schema cannot be brought to this build's version: "
                            + firstLine(e.getMessage()),
                    e);
        }
    }

    /** Flyway ignores migrations it does not know by default; an older build must not write a newer schema. */
    private static void refuseNewer(String name, MigrationInfoService info) {
        MigrationInfo current = info.current();
        MigrationInfo[] known = info.all();
        String newest = null;
        for (MigrationInfo m : known) {
            if (m.getState().isResolved()) {
                newest = m.getVersion().getVersion();
            }
        }
        if (current != null && !current.getState().isResolved()) {
            throw new IllegalArgumentException("results store " + name + " has schema version "
                    + current.getVersion() + ", written by a newer PretrainBench; this build knows up to version "
                    + newest + ": use that newer version");
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    @Override
    protected Connection connection() throws SQLException {
        if (connection == null) {
            connection = source.getConnection();
        }
        return connection;
    }

    @Override
    protected void lockCell(String cellId) throws SQLException {
        query("SELECT pg_advisory_xact_lock(hashtext(?))", rs -> {}, cellId);
    }

    /** Runs {@code work} in one transaction, again on a new connection while the server cannot be reached. */
    @Override
    protected <T> T transaction(String what, Work<T> work) {
        long deadline = System.nanoTime() + patience.toNanos();
        Duration backoff = Duration.ofMillis(250);
        long outageStart = 0;
        while (true) {
            try {
                T result = transactionOnce(work);
                if (outageStart != 0) {
                    System.err.printf(
                            "results store %s is reachable again after %.0f s%n",
                            name, (System.nanoTime() - outageStart) / 1e9);
                }
                return result;
            } catch (SQLException e) {
                if (!isTransient(e)) {
                    throw new IllegalStateException(what + " in " + name + ": " + firstLine(e.getMessage()), e);
                }
                closeQuietly(connection);
                connection = null;
                if (System.nanoTime() > deadline) {
                    throw new StoreUnavailableException(what + ": results store " + name + " unreachable for "
                            + patience.toSeconds() + " s (" + firstLine(e.getMessage()) + ")");
                }
                if (outageStart == 0) {
                    outageStart = System.nanoTime();
                    System.err.printf(
                            "results store %s unreachable (%s); retrying for up to %d s%n",
                            name, firstLine(e.getMessage()), patience.toSeconds());
                }
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * Errors that another attempt may not meet: the connection lost or refused (SQLSTATE class 08), the server shutting
     * down or starting (57P01-57P03), a serialisation failure or deadlock (40001, 40P01).
     */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state != null
                && (state.startsWith("08")
                        || state.startsWith("57P")
                        || state.equals("40001")
                        || state.equals("40P01")
                        || state.equals("53300"));
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the results store");
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
        connection = null;
    }

    // --- WorkQueue ----------------------------------------------------------------------------------------------

    @Override
    public synchronized int register(RunInfo run, List<QueuedCell> cells, boolean retryFailed) {
        return transaction("cannot register run " + run.runId(), () -> {
            insertRunUnlessPresent(run);
            try (PreparedStatement member = connection()
                            .prepareStatement("INSERT INTO grid_cells (grid_hash, cell_id, position) VALUES (?,?,?)"
                                    + " ON CONFLICT DO NOTHING");
                    PreparedStatement queue = connection()
                            .prepareStatement("INSERT INTO queue (cell_id, encoder_key, state) VALUES (?,?,'queued')"
                                    + " ON CONFLICT (cell_id) DO NOTHING")) {
                for (int i = 0; i < cells.size(); i++) {
                    member.setString(1, run.gridHash());
                    member.setString(2, cells.get(i).cellId());
                    member.setInt(3, i);
                    member.addBatch();
                    queue.setString(1, cells.get(i).cellId());
                    queue.setString(2, cells.get(i).encoderKey());
                    queue.addBatch();
                }
                member.executeBatch();
                queue.executeBatch();
            }
            // Cells stored before the queue knew them (an imported bundle, a local run into this store) are done.
            execute(
                    "UPDATE queue q SET state = 'done', finished_at = now() FROM grid_cells g, cells c"
                            + " WHERE g.grid_hash = ? AND q.cell_id = g.cell_id AND c.cell_id = q.cell_id"
                            + " AND c.status = 'SUCCEEDED' AND q.state <> 'done'",
                    run.gridHash());
            if (retryFailed) {
                execute(
                        "UPDATE queue q SET state = 'queued', attempts = 0, worker_id = NULL, lease_until = NULL"
                                + " FROM grid_cells g WHERE g.grid_hash = ? AND q.cell_id = g.cell_id"
                                + " AND q.state = 'done' AND NOT EXISTS (SELECT 1 FROM cells c"
                                + " WHERE c.cell_id = q.cell_id AND c.status = 'SUCCEEDED')",
                        run.gridHash());
                execute(
                        "DELETE FROM pretrainings p WHERE p.state = 'failed' AND p.encoder_key IN (SELECT"
                                + " q.encoder_key FROM queue q JOIN grid_cells g ON g.cell_id = q.cell_id"
                                + " WHERE g.grid_hash = ?)",
                        run.gridHash());
            }
            int[] open = {0};
            query(
                    "SELECT count(*) FROM grid_cells g WHERE g.grid_hash = ? AND NOT EXISTS (SELECT 1 FROM cells c"
                            + " WHERE c.cell_id = g.cell_id AND c.status = 'SUCCEEDED')",
                    rs -> open[0] = rs.getInt(1),
                    run.gridHash());
            return open[0];
        });
    }

    @Override
    public synchronized void startWorker(
            String workerId, String runId, String gridHash, String host, long pid, int threads, Duration lease) {
        transaction(
                "cannot register worker " + workerId,
                () -> execute(
                        "INSERT INTO workers (worker_id, run_id, grid_hash, host, pid, threads, lease_seconds,"
                                + " started_at, last_heartbeat, state) VALUES (?,?,?,?,?,?,?, now(), now(), 'running')"
                                + " ON CONFLICT (worker_id) DO UPDATE SET run_id = excluded.run_id,"
                                + " grid_hash = excluded.grid_hash, host = excluded.host, pid = excluded.pid,"
                                + " threads = excluded.threads, lease_seconds = excluded.lease_seconds,"
                                + " started_at = now(), last_heartbeat = now(), cell_id = NULL, cells_done = 0,"
                                + " state = 'running', exit_reason = NULL",
                        workerId,
                        runId,
                        gridHash,
                        host,
                        pid,
                        threads,
                        (int) lease.toSeconds()));
    }

    /** A candidate row of the claim query. */
    private record Candidate(String cellId, String encoderKey, String queueState, int attempts, Pretraining p) {}

    /** The cell's pre-training as the claim saw it; {@code state} null when nobody has claimed it. */
    private record Pretraining(String state, String workerId, boolean expired, String error) {}

    @Override
    public synchronized Optional<Claim> claim(String workerId, String gridHash, Duration lease) {
        return transaction("cannot claim a cell", () -> {
            // Another worker may claim the same pre-training between our read and our write: then try again.
            for (int attempt = 0; attempt < 10; attempt++) {
                Optional<Claim> claim = claimOnce(workerId, gridHash, lease);
                if (claim != null) {
                    return claim;
                }
            }
            return Optional.<Claim>empty();
        });
    }

    /** One try inside the claim's transaction; null when a concurrent worker took the pre-training first. */
    private Optional<Claim> claimOnce(String workerId, String gridHash, Duration lease) throws SQLException {
        List<Candidate> found = new ArrayList<>();
        // Cells whose encoder is ready or held by this worker come first (no waiting, encoders reused from memory);
        // cells whose pre-training another live worker holds are left for later.
        query(
                "SELECT q.cell_id, q.encoder_key, q.state, q.attempts, p.state, p.worker_id,"
                        + " p.lease_until < now(), p.error"
                        + " FROM grid_cells g JOIN queue q ON q.cell_id = g.cell_id"
                        + " LEFT JOIN pretrainings p ON p.encoder_key = q.encoder_key"
                        + " WHERE g.grid_hash = ?"
                        + " AND (q.state = 'queued' OR (q.state = 'running' AND q.lease_until < now()))"
                        + " AND (p.state IS NULL OR p.state <> 'running' OR p.worker_id = ? OR p.lease_until < now())"
                        + " ORDER BY CASE WHEN p.state = 'done' OR p.worker_id = ? THEN 0 ELSE 1 END, g.position"
                        + " LIMIT 1 FOR UPDATE OF q SKIP LOCKED",
                rs -> found.add(new Candidate(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getInt(4),
                        new Pretraining(rs.getString(5), rs.getString(6), rs.getBoolean(7), rs.getString(8)))),
                gridHash,
                workerId,
                workerId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Candidate c = found.get(0);
        if (c.queueState().equals("running") && c.attempts() >= MAX_ATTEMPTS) {
            markRunning(c.cellId(), workerId, lease);
            return Optional.of(new Claim(
                    c.cellId(),
                    c.encoderKey(),
                    Claim.Kind.ABANDONED,
                    false,
                    "its lease expired " + c.attempts() + " times (each worker that ran it died or lost the store)"));
        }
        Pretraining p = c.p();
        if ("failed".equals(p.state())) {
            markRunning(c.cellId(), workerId, lease);
            return Optional.of(new Claim(
                    c.cellId(),
                    c.encoderKey(),
                    Claim.Kind.PRETRAINING_FAILED,
                    false,
                    "pre-training failed on worker " + p.workerId() + ": " + p.error()));
        }
        boolean holds;
        if ("done".equals(p.state())) {
            holds = false;
        } else if (p.state() == null) {
            holds = execute(
                            "INSERT INTO pretrainings (encoder_key, state, worker_id, lease_until, attempts,"
                                    + " started_at) VALUES (?, 'running', ?, now() + ? * interval '1 second', 1,"
                                    + " now()) ON CONFLICT (encoder_key) DO NOTHING",
                            c.encoderKey(),
                            workerId,
                            lease.toSeconds())
                    == 1;
        } else {
            holds = execute(
                            "UPDATE pretrainings SET worker_id = ?, lease_until = now() + ? * interval '1 second',"
                                    + " attempts = attempts + CASE WHEN worker_id = ? THEN 0 ELSE 1 END,"
                                    + " started_at = CASE WHEN worker_id = ? THEN started_at ELSE now() END"
                                    + " WHERE encoder_key = ? AND state = 'running'"
                                    + " AND (worker_id = ? OR lease_until < now())",
                            workerId,
                            lease.toSeconds(),
                            workerId,
                            workerId,
                            c.encoderKey(),
                            workerId)
                    == 1;
        }
        if (!holds && !"done".equals(p.state())) {
            return null; // taken by another worker since our read
        }
        markRunning(c.cellId(), workerId, lease);
        return Optional.of(new Claim(c.cellId(), c.encoderKey(), Claim.Kind.RUN, holds, null));
    }

    private void markRunning(String cellId, String workerId, Duration lease) throws SQLException {
        execute(
                "UPDATE queue SET state = 'running', worker_id = ?, lease_until = now() + ? * interval '1 second',"
                        + " attempts = attempts + 1, claimed_at = now() WHERE cell_id = ?",
                workerId,
                lease.toSeconds(),
                cellId);
        execute("UPDATE workers SET cell_id = ?, last_heartbeat = now() WHERE worker_id = ?", cellId, workerId);
    }

    @Override
    public synchronized boolean heartbeat(String workerId, String cellId, Duration lease) {
        return transaction("cannot renew the lease of cell " + cellId, () -> {
            execute("UPDATE workers SET last_heartbeat = now() WHERE worker_id = ?", workerId);
            execute(
                    "UPDATE pretrainings SET lease_until = now() + ? * interval '1 second'"
                            + " WHERE worker_id = ? AND state = 'running'",
                    lease.toSeconds(),
                    workerId);
            return execute(
                            "UPDATE queue SET lease_until = now() + ? * interval '1 second'"
                                    + " WHERE cell_id = ? AND worker_id = ? AND state = 'running'",
                            lease.toSeconds(),
                            cellId,
                            workerId)
                    == 1;
        });
    }

    @Override
    public synchronized void pretrained(String workerId, String encoderKey, String encoderChecksum) {
        transaction(
                "cannot record the pre-training of " + encoderKey, () -> markPretrained(encoderKey, encoderChecksum));
    }

    private void markPretrained(String encoderKey, String encoderChecksum) throws SQLException {
        execute(
                "UPDATE pretrainings SET state = 'done', encoder_checksum = ?, finished_at = now()"
                        + " WHERE encoder_key = ? AND state <> 'done'",
                encoderChecksum,
                encoderKey);
    }

    @Override
    public synchronized void complete(String workerId, Claim claim, CellResult result) {
        transaction("cannot store cell " + result.key().label(), () -> {
            insertUnlessSucceeded(result);
            execute(
                    "UPDATE queue SET state = 'done', lease_until = NULL, finished_at = now() WHERE cell_id = ?",
                    claim.cellId());
            execute(
                    "UPDATE workers SET cells_done = cells_done + 1, cell_id = NULL, last_heartbeat = now()"
                            + " WHERE worker_id = ?",
                    workerId);
            if (claim.holdsPretraining()) {
                String checksum = result.outcome().encoderChecksum();
                if (checksum != null) {
                    markPretrained(claim.encoderKey(), checksum);
                } else {
                    execute(
                            "UPDATE pretrainings SET state = 'failed', error = ?, finished_at = now()"
                                    + " WHERE encoder_key = ? AND worker_id = ? AND state = 'running'",
                            result.outcome().error(),
                            claim.encoderKey(),
                            workerId);
                }
            }
        });
    }

    @Override
    public synchronized void stopWorker(String workerId, String reason) {
        transaction(
                "cannot record the end of worker " + workerId,
                () -> execute(
                        "UPDATE workers SET state = 'exited', exit_reason = ?, cell_id = NULL,"
                                + " last_heartbeat = now() WHERE worker_id = ?",
                        reason,
                        workerId));
    }

    @Override
    public synchronized int unfinished(String gridHash) {
        return transaction("cannot read the queue", () -> {
            int[] n = {0};
            query(
                    "SELECT count(*) FROM grid_cells g JOIN queue q ON q.cell_id = g.cell_id"
                            + " WHERE g.grid_hash = ? AND q.state <> 'done'",
                    rs -> n[0] = rs.getInt(1),
                    gridHash);
            return n[0];
        });
    }

    @Override
    public synchronized List<QueueStatus> status() {
        return transaction("cannot read the queue", () -> {
            List<GridProgress> grids = new ArrayList<>();
            query(
                    "SELECT g.grid_hash, (SELECT r.grid_name FROM runs r WHERE r.grid_hash = g.grid_hash"
                            + " ORDER BY r.started_at DESC LIMIT 1),"
                            + " count(*), count(*) FILTER (WHERE q.state = 'done' AND c.status = 'SUCCEEDED'),"
                            + " count(*) FILTER (WHERE q.state = 'done' AND c.status = 'FAILED'),"
                            + " count(*) FILTER (WHERE q.state = 'running'),"
                            + " count(*) FILTER (WHERE q.state = 'queued'),"
                            + " avg(c.wall_seconds) FILTER (WHERE c.status = 'SUCCEEDED'),"
                            + " (SELECT max(r.started_at) FROM runs r WHERE r.grid_hash = g.grid_hash)"
                            + " FROM grid_cells g JOIN queue q ON q.cell_id = g.cell_id"
                            + " LEFT JOIN cells c ON c.cell_id = g.cell_id"
                            + " GROUP BY g.grid_hash ORDER BY 9 DESC, 1",
                    rs -> {
                        double mean = rs.getDouble(8);
                        boolean noneSucceeded = rs.wasNull(); // asked now: wasNull() is about the last column read
                        grids.add(new GridProgress(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getInt(3),
                                rs.getInt(4),
                                rs.getInt(5),
                                rs.getInt(6),
                                rs.getInt(7),
                                noneSucceeded ? Double.NaN : mean));
                    });
            List<QueueStatus> status = new ArrayList<>();
            for (GridProgress grid : grids) {
                List<WorkerStatus> workers = new ArrayList<>();
                query(
                        // A worker silent for a whole lease (it beats four times a lease) is lost: killed, or cut
                        // off from the store; its claims have expired.
                        "SELECT worker_id, host, CASE WHEN state = 'running' AND last_heartbeat < now() -"
                                + " lease_seconds * interval '1 second' THEN 'lost' ELSE state END,"
                                + " extract(epoch FROM now() - last_heartbeat), cell_id,"
                                + " cells_done FROM workers WHERE grid_hash = ? ORDER BY started_at, worker_id",
                        rs -> workers.add(new WorkerStatus(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getDouble(4),
                                rs.getString(5),
                                rs.getInt(6))),
                        grid.gridHash());
                List<PretrainingStatus> pretrainings = new ArrayList<>();
                query(
                        "SELECT p.encoder_key, p.worker_id, extract(epoch FROM now() - p.started_at), p.attempts"
                                + " FROM pretrainings p WHERE p.state = 'running' AND p.encoder_key IN (SELECT"
                                + " q.encoder_key FROM queue q JOIN grid_cells g ON g.cell_id = q.cell_id"
                                + " WHERE g.grid_hash = ?) ORDER BY p.started_at",
                        rs -> pretrainings.add(
                                new PretrainingStatus(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getInt(4))),
                        grid.gridHash());
                status.add(new QueueStatus(grid, workers, pretrainings));
            }
            return status;
        });
    }

    @Override
    public List<String> unfinishedGrids() {
        return status().stream()
                .map(QueueStatus::progress)
                .filter(p -> p.unfinished() > 0)
                .map(p -> "grid " + p.gridName() + ": " + p.unfinished() + " of " + p.total() + " cells unfinished ("
                        + p.queued() + " queued, " + p.running() + " running)")
                .toList();
    }

    /** Every pre-training the store knows, by encoder key: how many times each was started (for audits and tests). */
    public synchronized Map<String, Integer> pretrainingAttempts() {
        return transaction("cannot read the pre-trainings", () -> {
            Map<String, Integer> attempts = new java.util.TreeMap<>();
            query("SELECT encoder_key, attempts FROM pretrainings", rs -> attempts.put(rs.getString(1), rs.getInt(2)));
            return attempts;
        });
    }
}
