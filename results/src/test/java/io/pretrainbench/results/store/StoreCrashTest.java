package io.pretrainbench.results.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kill -9} of a process in the middle of recording cells leaves only whole cells, and loses no commit. */
class StoreCrashTest {
    private static final int COMMITS_BEFORE_KILL = 5;

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesOnlyWholeCellsAndEveryCommittedOne() throws Exception {
        Path db = dir.resolve("results.db");
        Path stderr = dir.resolve("child.err");
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashWriter.class.getName(),
                        db.toString())
                .redirectError(stderr.toFile())
                .start();
        List<String> committed = new ArrayList<>();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the pipe closes when the child is killed
                }
            });
            reader.setDaemon(true);
            reader.start();
            List<Long> commitTimes = new ArrayList<>();
            while (true) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                assertThat(line)
                        .as("child stopped early; its stderr: %s", Files.readString(stderr))
                        .isNotNull();
                if (line.startsWith("committed ")) {
                    committed.add(line.substring("committed ".length()));
                    commitTimes.add(System.nanoTime());
                } else if (committed.size() >= COMMITS_BEFORE_KILL) {
                    // The child has begun its next record. Waiting 30% of a cell's time lands the kill inside the
                    // transaction,
                    // after it began spilling uncommitted pages of the cell into the WAL (measured: hundreds of such
                    // pages).
                    long perCell =
                            (commitTimes.get(commitTimes.size() - 1) - commitTimes.get(1)) / (commitTimes.size() - 2);
                    TimeUnit.NANOSECONDS.sleep(perCell * 3 / 10);
                    break;
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close()
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(child.isAlive()).isFalse();

        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db);
                var rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            assertThat(rs.getString(1)).isEqualTo("ok");
        }
        try (SqliteResultStore store = SqliteResultStore.open(db)) {
            List<StoredCell> cells = store.cells();
            assertThat(cells).extracting(c -> c.key().cellId()).containsAll(committed);
            assertThat(cells).allSatisfy(cell -> {
                CellResult expected = CrashWriter.cell((int) cell.key().seed());
                assertThat(cell.key()).isEqualTo(expected.key());
                assertThat(cell.outcome()).isEqualTo(expected.outcome());
                assertThat(store.curves(cell.key().cellId())).isEqualTo(expected.curves());
            });

            CellResult next = CrashWriter.cell(cells.size() + 1000);
            store.record(next);
            assertThat(store.succeededCellIds())
                    .hasSize(cells.size() + 1)
                    .contains(next.key().cellId());
        }
    }
}
