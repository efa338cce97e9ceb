package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The services {@code bin/test-services} runs for the integration tests are the real things: PostgreSQL checks
 * passwords and keeps its data and port across {@code pg-stop} and {@code pg-start}; SLURM runs the two tasks of a job
 * array side by side, and {@code scancel} ends one running task of an array while the other goes on.
 */
class TestServicesIT {
    /** Long enough for slurmctld to schedule a task (about a second here), short enough to fail fast. */
    private static final Duration SLURM_WAIT = Duration.ofSeconds(20);

    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir
    Path work;

    private final List<String> submittedJobs = new ArrayList<>();

    @AfterEach
    void cancelWhatIsLeft() throws Exception {
        for (String job : submittedJobs) {
            slurm("scancel", job);
        }
    }

    @Test
    void postgresAcceptsThePasswordAndRefusesAConnectionWithoutOrWithAWrongOne() throws SQLException {
        TestServices.requirePostgres();

        try (Connection connection = connectToPostgres(TestServices.postgresPassword());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT current_user, current_database()")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getString(1)).isEqualTo("ptb");
            assertThat(row.getString(2)).isEqualTo("ptb");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(TestServices.postgresJdbcUrl()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("no password was provided");
        assertThatThrownBy(() -> connectToPostgres("not-" + TestServices.postgresPassword()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed for user \"ptb\"");
    }

    @Test
    void postgresStoppedAndStartedAgainKeepsItsDataAndItsPort() throws Exception {
        TestServices.requirePostgres();
        String table = "test_services_it_" + ProcessHandle.current().pid();
        try (Connection connection = connectToPostgres(TestServices.postgresPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + table + " (cell TEXT PRIMARY KEY)");
            statement.execute("INSERT INTO " + table + " VALUES ('written before the stop')");
        }

        TestServices.pgStop();
        try {
            assertThatThrownBy(() -> connectToPostgres(TestServices.postgresPassword()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Connection to 127.0.0.1")
                    .hasMessageContaining("refused");
        } finally {
            TestServices.pgStart();
        }

        try (Connection connection = connectToPostgres(TestServices.postgresPassword());
                Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT cell FROM " + table)) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("written before the stop");
            }
            statement.execute("DROP TABLE " + table);
        }
    }

    @Test
    void theTwoTasksOfAJobArrayRunSideBySideAndBothFinish() throws Exception {
        TestServices.requireSlurm();
        // Each task says it started, waits (10 s at most) for the other one to have started too, then writes how many
        // had started, renamed into place so that the test never reads half a file.
        String task = "touch started-$SLURM_ARRAY_TASK_ID;"
                + " for i in $(seq 100); do [ -e started-0 ] && [ -e started-1 ] && break; sleep 0.1; done;"
                + " echo \"task $SLURM_ARRAY_TASK_ID saw $(ls started-* | wc -l) started\""
                + " > result.tmp-$SLURM_ARRAY_TASK_ID"
                + " && mv result.tmp-$SLURM_ARRAY_TASK_ID result-$SLURM_ARRAY_TASK_ID";

        submitArray(task);

        Path result0 = work.resolve("result-0");
        Path result1 = work.resolve("result-1");
        await("both tasks wrote their result", () -> Files.exists(result0) && Files.exists(result1));
        assertThat(result0).hasContent("task 0 saw 2 started");
        assertThat(result1).hasContent("task 1 saw 2 started");
    }

    @Test
    void scancelEndsOneRunningTaskOfAnArrayAndTheOtherGoesOn() throws Exception {
        TestServices.requireSlurm();
        // exec: the task's process is the shell SLURM started, so its pid is the one written.
        String task =
                "echo $$ > pid.tmp-$SLURM_ARRAY_TASK_ID && mv pid.tmp-$SLURM_ARRAY_TASK_ID pid-$SLURM_ARRAY_TASK_ID"
                        + " && exec sleep 300";

        String job = submitArray(task);

        await("both tasks started", () -> Files.exists(work.resolve("pid-0")) && Files.exists(work.resolve("pid-1")));
        ProcessHandle task0 = taskProcess(0);
        ProcessHandle task1 = taskProcess(1);
        assertThat(task0.isAlive()).isTrue();
        assertThat(task1.isAlive()).isTrue();

        slurm("scancel", job + "_1");

        await("task 1's process ended", () -> !task1.isAlive());
        await("task 1's output says it was cancelled", () -> slurmOutput(job, 1).contains("CANCELLED"));
        assertThat(task0.isAlive()).isTrue();
        assertThat(slurm("squeue", "--noheader", "--jobs", job + "_0", "--format", "%T"))
                .isEqualTo("RUNNING");
    }

    private static Connection connectToPostgres(String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("password", password);
        return DriverManager.getConnection(TestServices.postgresJdbcUrl(), properties);
    }

    /** Submits a 2-task array running {@code command} in {@link #work}; returns the job id. */
    private String submitArray(String command) throws Exception {
        String job = slurm(
                        "sbatch",
                        "--parsable",
                        "--array=0-1",
                        "--chdir=" + work,
                        "--output=" + work.resolve("slurm-%A_%a.out"),
                        "--wrap=" + command)
                .split(";")[0];
        submittedJobs.add(job);
        return job;
    }

    private String slurmOutput(String job, int task) {
        try {
            return Files.readString(work.resolve("slurm-" + job + "_" + task + ".out"));
        } catch (IOException e) {
            return "";
        }
    }

    private ProcessHandle taskProcess(int task) throws IOException {
        long pid = Long.parseLong(Files.readString(work.resolve("pid-" + task)).strip());
        return ProcessHandle.of(pid)
                .orElseThrow(() -> new AssertionError("task " + task + "'s process " + pid + " is not running"));
    }

    /** Runs a SLURM client command on the test cluster; returns its stripped output. */
    private static String slurm(String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SLURM_CONF", TestServices.slurmConf().toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(SLURM_WAIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + SLURM_WAIT);
        }
        assertThat(process.exitValue())
                .as("%s: %s", String.join(" ", command), output)
                .isZero();
        return output;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + SLURM_WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + SLURM_WAIT.toSeconds() + " s");
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
