package io.pretrainbench.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The real PostgreSQL and single-node SLURM cluster that {@code bin/test-services start} runs for the tests, as the
 * environment it writes to {@code target/test-services/env} describes them. {@code bin/test} starts them and sets
 * {@code PTB_REQUIRE_SERVICES=1}: a test that needs a service then fails when it is missing; elsewhere (an IDE, a
 * single {@code mvn verify}) it is skipped.
 */
final class TestServices {
    private static final String PG_URL = "PTB_TEST_PG_URL";
    private static final String PG_PASSWORD = "PTB_TEST_PG_PASSWORD";
    private static final String SLURM = "PTB_TEST_SLURM";
    private static final String SLURM_CONF = "SLURM_CONF";
    private static final String REQUIRE = "PTB_REQUIRE_SERVICES";

    static final Path SCRIPT = Cli.HOME.resolve("bin/test-services");

    /** pg_ctl waits at most 30 s for PostgreSQL to start or stop; this leaves it that time and some. */
    private static final long SCRIPT_TIMEOUT_SECONDS = 60;

    private TestServices() {}

    /** Skips the test (fails it under {@code bin/test}) unless the test PostgreSQL's environment is set. */
    static void requirePostgres() {
        require("PostgreSQL", PG_URL, PG_PASSWORD);
    }

    /** Skips the test (fails it under {@code bin/test}) unless the test SLURM cluster's environment is set. */
    static void requireSlurm() {
        require("SLURM", SLURM, SLURM_CONF);
    }

    /** {@code postgresql://ptb@127.0.0.1:PORT/ptb}: the user, no password. */
    static String postgresUrl() {
        return env(PG_URL);
    }

    /** The same database as a JDBC URL, with the user and without the password. */
    static String postgresJdbcUrl() {
        URI url = URI.create(postgresUrl());
        return "jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath() + "?user="
                + url.getUserInfo();
    }

    static String postgresPassword() {
        return env(PG_PASSWORD);
    }

    /** The cluster's {@code slurm.conf}: SLURM's commands find the cluster through it, in {@code SLURM_CONF}. */
    static Path slurmConf() {
        return Path.of(env(SLURM_CONF));
    }

    /** Stops PostgreSQL, keeping its data: clients see the database go away. */
    static void pgStop() throws IOException, InterruptedException {
        runScript("pg-stop");
    }

    /** Starts PostgreSQL again after {@link #pgStop()}: same data, same port. */
    static void pgStart() throws IOException, InterruptedException {
        runScript("pg-start");
    }

    private static void require(String service, String... variables) {
        for (String variable : variables) {
            String value = System.getenv(variable);
            if (value == null || value.isEmpty()) {
                String message = service + " for the tests is not running (" + variable + " is not set): run"
                        + " bin/test-services start, then . target/test-services/env";
                if ("1".equals(System.getenv(REQUIRE))) {
                    throw new AssertionError(message);
                }
                Assumptions.abort(message);
            }
        }
    }

    private static String env(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(variable + " is not set: call TestServices.require... first");
        }
        return value;
    }

    private static void runScript(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(SCRIPT.toString(), command)
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(SCRIPT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(
                    "bin/test-services " + command + " did not finish in " + SCRIPT_TIMEOUT_SECONDS + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("bin/test-services " + command + " exited " + process.exitValue() + ": " + output);
        }
    }
}
