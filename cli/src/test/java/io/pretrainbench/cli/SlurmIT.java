package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.results.store.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `pretrain-bench submit` on the real single-node SLURM cluster that bin/test-services runs: job arrays of workers
 * feeding a real PostgreSQL store.
 */
class SlurmIT {
    private static final Pattern JOB = Pattern.compile("submitted job (\\d+)");

    @TempDir
    static Path work;

    private static String localLeaderboard;

    private TestPostgres db;

    @BeforeAll
    static void runLocally() throws Exception {
        TestServices.requireSlurm();
        TestServices.requirePostgres();
        Files.writeString(work.resolve("small.yaml"), CliIT.SMALL_GRID);
        Cli.Outcome run = Cli.run(work, "run", "small.yaml", "--results", "local.db", "--parallelism", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        localLeaderboard = Cli.run(work, "leaderboard", "--results", "local.db").out();
    }

    @BeforeEach
    void createDatabase() {
        db = TestPostgres.create();
    }

    @AfterEach
    void dropDatabase() throws Exception {
        run("scancel", "--name=ptb-small"); // nothing of a failed test keeps running
        if (db != null) {
            db.close();
        }
    }

    private String submit(String... extra) throws Exception {
        String[] args = new String[8 + extra.length];
        String[] base = {
            "submit",
            "small.yaml",
            "--executor",
            "slurm",
            "--results",
            db.location().display(),
            "--encoder-cache",
            work.resolve("encoders-" + db.location().database()).toString()
        };
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        Cli.Outcome outcome = Cli.run(work, args);
        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        Matcher m = JOB.matcher(outcome.out());
        assertThat(m.find()).as(outcome.out()).isTrue();
        return m.group(1);
    }

    @Test
    void anArrayOfTwoWorkersGivesTheLocalLeaderboard() throws Exception {
        String job = submit("--workers", "2", "--cpus-per-task", "1", "--logs", "logs");
        awaitJobGone(job);
        Cli.Outcome board =
                Cli.run(work, "leaderboard", "--results", db.location().display());
        assertThat(board.out()).as(Cli.logs(work)).isEqualTo(localLeaderboard);
        assertThat(db.counts("SELECT worker_id, cells_done FROM workers"))
                .containsOnlyKeys("slurm-" + job + "_0", "slurm-" + job + "_1");
    }

    @Test
    void aTaskCancelledMidCellIsFinishedByTheOtherAndEveryCellIsStoredOnce() throws Exception {
        String job = submit("--workers", "2", "--cpus-per-task", "1", "--lease", "4s", "--logs", "logs-cancel");
        String victim = "slurm-" + job + "_0";
        db.awaitRow(
                "SELECT 1 FROM queue WHERE state = 'running' AND worker_id = '" + victim + "'",
                Duration.ofMinutes(3),
                () -> Cli.logs(work));
        assertThat(run("scancel", "--signal=KILL", job + "_0")).isZero();
        awaitJobGone(job);

        assertThat(db.counts("SELECT status, count(*) FROM cells GROUP BY status"))
                .isEqualTo(Map.of("SUCCEEDED", 4));
        assertThat(db.counts("SELECT attempts::text, count(*) FROM queue GROUP BY attempts"))
                .as("the cancelled task's cell claimed twice, the others once")
                .isEqualTo(Map.of("1", 3, "2", 1));
        assertThat(Cli.run(work, "leaderboard", "--results", db.location().display())
                        .out())
                .isEqualTo(localLeaderboard);
    }

    @Test
    void theSameGridSubmittedTwiceAtOnceRunsEachCellAndPretrainingOnce() throws Exception {
        String first = submit("--workers", "2", "--cpus-per-task", "1", "--logs", "logs-twice");
        String second = submit("--workers", "2", "--cpus-per-task", "1", "--logs", "logs-twice");
        awaitJobGone(first);
        awaitJobGone(second);
        assertThat(db.counts("SELECT attempts::text, count(*) FROM queue GROUP BY attempts"))
                .isEqualTo(Map.of("1", 4));
        assertThat(db.counts("SELECT attempts::text, count(*) FROM pretrainings GROUP BY attempts"))
                .isEqualTo(Map.of("1", 2));
        assertThat(db.counts("SELECT status, count(*) FROM cells GROUP BY status"))
                .isEqualTo(Map.of("SUCCEEDED", 4));
    }

    @Test
    void sbatchRefusingOrMissingIsOneLineWithItsReason() throws Exception {
        Cli.Outcome refused = Cli.run(
                work,
                "submit",
                "small.yaml",
                "--executor",
                "slurm",
                "--results",
                db.location().display(),
                "--workers",
                "1",
                "--partition",
                "no-such-partition");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip())
                .startsWith("error: sbatch refused the job: ")
                .contains("partition");

        ProcessBuilder noSlurm = Cli.builder(
                work,
                "submit",
                "small.yaml",
                "--executor",
                "slurm",
                "--results",
                db.location().display(),
                "--workers",
                "1");
        noSlurm.environment().put("PATH", pathWithout("sbatch").toString());
        Process p = noSlurm.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isEqualTo(2);
        assertThat(out.strip()).startsWith("error: sbatch is not on PATH");

        Cli.Outcome dry = Cli.run(
                work,
                "submit",
                "small.yaml",
                "--executor",
                "slurm",
                "--results",
                db.location().display(),
                "--workers",
                "3",
                "--max-parallel",
                "2",
                "--mem",
                "4G",
                "--time",
                "1:00:00",
                "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out())
                .contains("#SBATCH --array=0-2%2")
                .contains("#SBATCH --mem=4G")
                .contains("#SBATCH --time=1:00:00")
                .contains(" worker ")
                .doesNotContain(String.valueOf(System.getenv("PGPASSWORD")));
    }

    /** A folder of links to what the launcher needs (bash, java, coreutils), without {@code program}. */
    private static Path pathWithout(String program) throws Exception {
        Path dir = Files.createDirectories(work.resolve("path-without-" + program));
        for (String tool : List.of("bash", "env", "dirname", "readlink", "ls", "grep", "head", "java")) {
            Path link = dir.resolve(tool);
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Process which = new ProcessBuilder("which", tool).start();
                String target = new String(which.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                which.waitFor();
                Files.createSymbolicLink(link, Path.of(target));
            }
        }
        assertThat(dir.resolve(program)).doesNotExist();
        return dir;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    /** Waits until SLURM no longer lists the job (all its tasks ended). */
    private void awaitJobGone(String job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            Process p = new ProcessBuilder("squeue", "--noheader", "--jobs", job)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            if (out.isBlank() || out.contains("Invalid job id")) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("job " + job + " still queued or running after 5 minutes\n" + Cli.logs(work));
    }
}
