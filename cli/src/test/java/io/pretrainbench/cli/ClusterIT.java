package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.results.store.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Workers (`pretrain-bench worker`, real processes) sharing a grid through a real PostgreSQL store: the leaderboard
 * equals the local SQLite run's, a killed worker's cell is finished by another once its lease expires, and the database
 * going away mid-run loses nothing.
 */
class ClusterIT {
    /** Four cells, two encoders: the CLI tests' small grid. */
    static final String GRID = CliIT.SMALL_GRID;

    @TempDir
    static Path work;

    /** The local executor's leaderboard of the grid at one thread per cell (two slots on two cores). */
    private static String localLeaderboard;

    private TestPostgres db;

    @BeforeAll
    static void runLocally() throws Exception {
        TestServices.requirePostgres();
        Files.writeString(work.resolve("small.yaml"), GRID);
        Cli.Outcome run = Cli.run(work, "run", "small.yaml", "--results", "local.db", "--parallelism", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        localLeaderboard = Cli.run(work, "leaderboard", "--results", "local.db").out();
    }

    @BeforeEach
    void createDatabase() {
        db = TestPostgres.create();
    }

    @AfterEach
    void dropDatabase() {
        if (db != null) {
            db.close();
        }
    }

    private String url() {
        return db.location().display();
    }

    private Process worker(String id, String lease, Path log) throws Exception {
        return Cli.builder(
                        work,
                        "worker",
                        "small.yaml",
                        "--results",
                        url(),
                        "--worker-id",
                        id,
                        "--threads",
                        "1",
                        "--lease",
                        lease,
                        "--encoder-cache",
                        work.resolve("encoders-" + db.location().database()).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private static void awaitExit(Process p, Path log) throws Exception {
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("worker finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }

    @Test
    void twoWorkersGiveTheLocalLeaderboardWithEachCellAndEncoderOnce() throws Exception {
        Path logA = work.resolve("a.log");
        Path logB = work.resolve("b.log");
        Process a = worker("a", "60s", logA);
        Process b = worker("b", "60s", logB);
        awaitExit(a, logA);
        awaitExit(b, logB);

        Cli.Outcome board = Cli.run(work, "leaderboard", "--results", url());
        assertThat(board.exitCode()).as(board.err()).isZero();
        assertThat(board.out()).isEqualTo(localLeaderboard);
        assertThat(board.err()).doesNotContain("partial");
        assertThat(db.counts("SELECT status, count(*) FROM cells GROUP BY status"))
                .isEqualTo(Map.of("SUCCEEDED", 4));
        assertThat(db.counts("SELECT attempts::text, count(*) FROM pretrainings GROUP BY attempts"))
                .as("each of the two encoders pre-trained once")
                .isEqualTo(Map.of("1", 2));
        // How the cells split between the workers depends on timing; that they add up does not.
        assertThat(db.counts("SELECT worker_id, cells_done FROM workers")).containsOnlyKeys("a", "b");
        assertThat(db.counts("SELECT 'done', sum(cells_done) FROM workers")).containsEntry("done", 4);

        Cli.Outcome status = Cli.run(work, "status", "--results", url());
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("4 cells: 4 succeeded, 0 failed, 0 running, 0 queued; finished");

        String password = TestServices.postgresPassword();
        assertThat(db.counts("SELECT environment, 1 FROM runs").keySet()).noneMatch(e -> e.contains(password));
        assertThat(Files.readString(logA) + Files.readString(logB)).doesNotContain(password);
    }

    @Test
    void aWorkerWhoseStoreStaysAwayStopsWithExitFiveAndTheCellIsClaimedAgainLater() throws Exception {
        Path log = work.resolve("patience.log");
        Process a = Cli.builder(
                        work,
                        "worker",
                        "small.yaml",
                        "--results",
                        url(),
                        "--worker-id",
                        "impatient",
                        "--lease",
                        "4s",
                        "--store-patience",
                        "3s",
                        "--encoder-cache",
                        work.resolve("encoders-" + db.location().database()).toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        db.awaitRow("SELECT 1 FROM queue WHERE state = 'running'", Duration.ofMinutes(3), () -> Cli.logs(work));
        TestServices.pgStop();
        try {
            assertThat(a.waitFor(3, TimeUnit.MINUTES)).isTrue();
        } finally {
            TestServices.pgStart();
        }
        assertThat(a.exitValue()).as(Files.readString(log)).isEqualTo(Main.STORE_UNAVAILABLE);
        assertThat(Files.readString(log)).containsPattern("error: .*unreachable for 3 s");

        Path logB = work.resolve("after-patience.log");
        Process b = worker("patient", "4s", logB);
        awaitExit(b, logB);
        assertThat(db.counts("SELECT status, count(*) FROM cells GROUP BY status"))
                .isEqualTo(Map.of("SUCCEEDED", 4));
    }

    @Test
    void aWorkerKilledMidCellLosesItOnlyUntilItsLeaseExpires() throws Exception {
        Path logA = work.resolve("killed.log");
        Process a = worker("doomed", "4s", logA);
        db.awaitRow(
                "SELECT 1 FROM queue WHERE state = 'running' AND worker_id = 'doomed'",
                Duration.ofMinutes(3),
                () -> Cli.logs(work));
        a.destroyForcibly().waitFor(); // SIGKILL: no goodbye, no result, the lease just stops being renewed
        Cli.Outcome partial = Cli.run(work, "leaderboard", "--results", url());
        assertThat(partial.exitCode()).as(partial.err()).isZero();
        assertThat(partial.err()).contains("partial: grid small: ").contains("cells unfinished");
        assertThat(Cli.run(work, "report", "--results", url(), "--out", "partial.html")
                        .exitCode())
                .isZero();
        assertThat(Files.readString(work.resolve("partial.html"))).contains("Partial results:");

        Path logB = work.resolve("survivor.log");
        Process b = worker("survivor", "4s", logB);
        awaitExit(b, logB);

        assertThat(db.counts("SELECT status, count(*) FROM cells GROUP BY status"))
                .isEqualTo(Map.of("SUCCEEDED", 4));
        assertThat(db.counts("SELECT worker_id, count(*) FROM queue GROUP BY worker_id"))
                .isEqualTo(Map.of("survivor", 4));
        assertThat(db.counts("SELECT attempts::text, count(*) FROM queue GROUP BY attempts"))
                .as("the killed worker's cell was claimed twice, the others once")
                .isEqualTo(Map.of("1", 3, "2", 1));
        // Lost once it has been silent for a lease (4 s); the survivor may finish before that.
        Cli.Outcome status = Cli.run(work, "status", "--results", url());
        for (int i = 0; i < 20 && !status.out().matches("(?s).*worker doomed +\\S+ +lost.*"); i++) {
            Thread.sleep(500);
            status = Cli.run(work, "status", "--results", url());
        }
        assertThat(status.out()).containsPattern("worker doomed +\\S+ +lost");
        assertThat(Cli.run(work, "leaderboard", "--results", url()).out()).isEqualTo(localLeaderboard);
    }

    @Test
    void postgresStoppedAndStartedMidRunLosesNothing() throws Exception {
        Path logA = work.resolve("restart-a.log");
        Path logB = work.resolve("restart-b.log");
        Process a = worker("a", "8s", logA);
        Process b = worker("b", "8s", logB);
        // Both workers past start-up (a store unreachable when a command starts is exit 2, by design), and
        // pre-training begun.
        db.awaitRow(
                "SELECT 1 FROM queue WHERE state = 'running' AND (SELECT count(*) FROM workers) = 2",
                Duration.ofMinutes(3),
                () -> Cli.logs(work));
        TestServices.pgStop();
        Thread.sleep(5_000);
        TestServices.pgStart();
        awaitExit(a, logA);
        awaitExit(b, logB);

        assertThat(Files.readString(logA) + Files.readString(logB))
                .contains("unreachable")
                .contains("reachable again");
        assertThat(db.counts("SELECT status, count(*) FROM cells GROUP BY status"))
                .isEqualTo(Map.of("SUCCEEDED", 4));
        assertThat(Cli.run(work, "leaderboard", "--results", url()).out()).isEqualTo(localLeaderboard);
    }

    @Test
    void aBundleImportedIntoPostgresGivesTheSqliteLeaderboard() throws Exception {
        Cli.Outcome bundle = Cli.run(work, "bundle", "--results", "local.db", "--out", "local.bundle");
        assertThat(bundle.exitCode()).as(bundle.err()).isZero();
        Cli.Outcome imported = Cli.run(work, "import", "local.bundle", "--results", url());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(Cli.run(work, "leaderboard", "--results", url()).out()).isEqualTo(localLeaderboard);
    }

    @Test
    void storesThatCannotBeUsedAreOneLineAndExitTwoWithNothingWritten() throws Exception {
        String password = System.getenv("PGPASSWORD");
        List<List<String>> cases = new ArrayList<>(List.of(
                List.of("leaderboard", "--results", "postgresql://ptb@127.0.0.1:1/nowhere"),
                List.of("leaderboard", "--results", "postgresql://ptb:" + password + "@127.0.0.1:5432/x"),
                List.of("leaderboard", "--results", "jdbc:postgresql://127.0.0.1/x?password=" + password),
                List.of("leaderboard", "--results", url()),
                List.of("worker", "small.yaml", "--results", "local.db"),
                List.of("status", "--results", "local.db")));
        for (List<String> args : cases) {
            Cli.Outcome outcome = Cli.run(work, args.toArray(String[]::new));
            assertThat(outcome.exitCode()).as(args + ": " + outcome.err()).isEqualTo(2);
            assertThat(outcome.err().strip().lines())
                    .as(args + ": " + outcome.err())
                    .hasSize(1);
            assertThat(outcome.err() + outcome.out()).doesNotContain(password);
        }
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INTEGER)");
        }
        Cli.Outcome foreign = Cli.run(work, "run", "small.yaml", "--results", url());
        assertThat(foreign.exitCode()).isEqualTo(2);
        assertThat(foreign.err()).contains("is not a PretrainBench store");
        assertThat(db.counts("SELECT table_name, 1 FROM information_schema.tables WHERE table_schema = 'public'"))
                .containsOnlyKeys("invoices");

        ProcessBuilder withoutPassword = Cli.builder(work, "leaderboard", "--results", TestServices.postgresUrl());
        withoutPassword.environment().remove("PGPASSWORD");
        withoutPassword
                .environment()
                .put("PGPASSFILE", work.resolve("no-such-pgpass").toString());
        Process p = withoutPassword.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(2);
        assertThat(out).contains("cannot be opened").contains("PGPASSWORD or ~/.pgpass");
    }
}
