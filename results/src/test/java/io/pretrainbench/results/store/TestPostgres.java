package io.pretrainbench.results.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A fresh, empty database on the test PostgreSQL server that {@code bin/test-services start} runs (its URL in
 * {@code PTB_TEST_PG_URL}, the password in {@code PGPASSWORD}), dropped again by {@link #close}. Without the server a
 * test is skipped, unless {@code PTB_REQUIRE_SERVICES=1} (as in {@code bin/test}), where it fails.
 */
public final class TestPostgres implements AutoCloseable {
    private final StoreLocation.Postgres server;
    private final StoreLocation.Postgres location;

    private TestPostgres(StoreLocation.Postgres server, String database) {
        this.server = server;
        this.location =
                new StoreLocation.Postgres(server.host(), server.port(), database, server.user(), server.parameters());
    }

    /** Creates an empty database for one test. */
    public static TestPostgres create() {
        String url = System.getenv("PTB_TEST_PG_URL");
        if (url == null && "1".equals(System.getenv("PTB_REQUIRE_SERVICES"))) {
            throw new IllegalStateException(
                    "PTB_TEST_PG_URL is not set: start the test services with bin/test-services start");
        }
        assumeTrue(url != null, "no test PostgreSQL (PTB_TEST_PG_URL unset; bin/test-services start)");
        StoreLocation.Postgres server = (StoreLocation.Postgres) StoreLocation.parse(url);
        String database =
                "ptb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        TestPostgres db = new TestPostgres(server, database);
        db.admin("CREATE DATABASE " + database);
        return db;
    }

    public StoreLocation.Postgres location() {
        return location;
    }

    /** A plain JDBC connection to the test database, for planting foreign tables and checking what was written. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(location.jdbcUrl(), properties(location.user()));
    }

    /** The rows of {@code SELECT key, number ...} as a map, for checking what workers wrote. */
    public java.util.Map<String, Integer> counts(String sql) throws SQLException {
        java.util.Map<String, Integer> result = new java.util.TreeMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                result.put(rs.getString(1), rs.getInt(2));
            }
        }
        return result;
    }

    /**
     * Waits until {@code sql} returns a row (e.g. a worker has claimed a cell).
     *
     * @param context what to show if it never does (e.g. the workers' logs)
     */
    public void awaitRow(String sql, java.time.Duration timeout, java.util.function.Supplier<String> context)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Connection c = connect();
                    Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery(sql)) {
                if (rs.next()) {
                    return;
                }
            } catch (SQLException tablesNotThereYet) {
                // no worker has created the schema yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no row for " + sql + " within " + timeout.toSeconds() + " s\n" + context.get());
    }

    private static Properties properties(String user) {
        Properties p = new Properties();
        p.setProperty("user", user);
        String password = System.getenv("PGPASSWORD");
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    private void admin(String sql) {
        try (Connection c = DriverManager.getConnection(server.jdbcUrl(), properties(server.user()));
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " on " + server.display() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + location.database() + " WITH (FORCE)");
    }
}
