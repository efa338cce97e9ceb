package io.pretrainbench.results.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's claims against a real PostgreSQL server, with several stores (connections) standing for workers. */
class WorkQueueTest {
    private static final Duration LEASE = Duration.ofSeconds(60);
    private static final String GRID = "hash";

    private TestPostgres db;
    private final List<PostgresResultStore> opened = new ArrayList<>();

    @BeforeEach
    void createDatabase() {
        db = TestPostgres.create();
    }

    @AfterEach
    void dropDatabase() {
        opened.forEach(PostgresResultStore::close);
        if (db != null) {
            db.close();
        }
    }

    private PostgresResultStore worker(String id) {
        PostgresResultStore store = PostgresResultStore.open(db.location(), true, Duration.ofSeconds(5));
        opened.add(store);
        store.startWorker(id, "run-1", GRID, "host", 1, 1, LEASE);
        return store;
    }

    private static List<WorkQueue.QueuedCell> cells(String... idAndKey) {
        List<WorkQueue.QueuedCell> cells = new ArrayList<>();
        for (int i = 0; i < idAndKey.length; i += 2) {
            cells.add(new WorkQueue.QueuedCell(idAndKey[i], idAndKey[i + 1]));
        }
        return cells;
    }

    private static CellResult succeeded(String id) {
        return Cells.succeeded(id, "mae", 20, 1, 0.5);
    }

    @Test
    void workersClaimingAtOnceNeverGetTheSameCell() throws Exception {
        List<WorkQueue.QueuedCell> grid = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            grid.add(new WorkQueue.QueuedCell("c" + i, "done-key"));
        }
        PostgresResultStore first = worker("w0");
        assertThat(first.register(Cells.run(), grid, true)).isEqualTo(40);
        List<String> claimed = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                PostgresResultStore store = w == 0 ? first : worker("w" + w);
                String id = "w" + w;
                futures.add(pool.submit(() -> {
                    for (Optional<WorkQueue.Claim> c = store.claim(id, GRID, LEASE);
                            c.isPresent();
                            c = store.claim(id, GRID, LEASE)) {
                        claimed.add(c.get().cellId());
                        store.complete(id, c.get(), succeeded(c.get().cellId()));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(claimed).hasSize(40).doesNotHaveDuplicates();
        assertThat(first.unfinished(GRID)).isZero();
        assertThat(first.cells()).hasSize(40);
        assertThat(first.pretrainingAttempts()).containsExactly(Map.entry("done-key", 1));
    }

    @Test
    void aPretrainingIsClaimedOnceAndOtherWorkersRunOtherEncodersMeanwhile() {
        PostgresResultStore a = worker("a");
        PostgresResultStore b = worker("b");
        a.register(Cells.run(), cells("c1", "A", "c2", "A", "c3", "B"), true);

        WorkQueue.Claim first = a.claim("a", GRID, LEASE).orElseThrow();
        assertThat(first.cellId()).isEqualTo("c1");
        assertThat(first.holdsPretraining()).isTrue();
        WorkQueue.Claim second = b.claim("b", GRID, LEASE).orElseThrow();
        assertThat(second.cellId()).as("c2 waits for a's pre-training of A").isEqualTo("c3");
        assertThat(b.claim("b", GRID, LEASE))
                .as("only c2 is left, and A is being pre-trained")
                .isEmpty();

        a.complete("a", first, succeeded("c1")); // encoder checksum "enc"
        WorkQueue.Claim third = b.claim("b", GRID, LEASE).orElseThrow();
        assertThat(third.cellId()).isEqualTo("c2");
        assertThat(third.holdsPretraining()).as("A is done: b loads it").isFalse();
        assertThat(a.pretrainingAttempts()).containsOnly(Map.entry("A", 1), Map.entry("B", 1));
    }

    @Test
    void anEncoderSavedBeforeItsCellIsDoneIsUsedByOtherWorkersAtOnce() {
        PostgresResultStore a = worker("a");
        PostgresResultStore b = worker("b");
        a.register(Cells.run(), cells("c1", "A", "c2", "A"), true);
        WorkQueue.Claim first = a.claim("a", GRID, LEASE).orElseThrow();
        assertThat(b.claim("b", GRID, LEASE)).isEmpty();
        a.pretrained("a", "A", "enc"); // saved to the shared cache; a now fine-tunes c1
        WorkQueue.Claim second = b.claim("b", GRID, LEASE).orElseThrow();
        assertThat(second.cellId()).isEqualTo("c2");
        assertThat(second.holdsPretraining()).isFalse();
        a.complete("a", first, succeeded("c1"));
        assertThat(a.pretrainingAttempts()).containsExactly(Map.entry("A", 1));
    }

    @Test
    void aCellWhoseLeaseExpiredIsClaimedAgainAndAbandonedAfterMaxAttempts() throws Exception {
        Duration shortLease = Duration.ofSeconds(1);
        PostgresResultStore a = worker("a");
        a.register(Cells.run(), cells("c1", "A"), true);
        for (int attempt = 1; attempt <= WorkQueue.MAX_ATTEMPTS; attempt++) {
            WorkQueue.Claim c = a.claim("w" + attempt, GRID, shortLease).orElseThrow();
            assertThat(c.kind()).isEqualTo(WorkQueue.Claim.Kind.RUN);
            assertThat(c.holdsPretraining())
                    .as("the dead worker's pre-training is taken over")
                    .isTrue();
            assertThat(a.claim("other", GRID, shortLease)).as("leased").isEmpty();
            Thread.sleep(1_300); // the worker dies: no heartbeat
        }
        WorkQueue.Claim last = a.claim("w-last", GRID, LEASE).orElseThrow();
        assertThat(last.kind()).isEqualTo(WorkQueue.Claim.Kind.ABANDONED);
        assertThat(last.reason()).contains("lease expired 3 times");
    }

    @Test
    void aHeartbeatKeepsTheLeaseAndTellsAWorkerThatLostIt() throws Exception {
        Duration shortLease = Duration.ofSeconds(1);
        PostgresResultStore a = worker("a");
        a.register(Cells.run(), cells("c1", "A"), true);
        a.claim("a", GRID, shortLease).orElseThrow();
        for (int i = 0; i < 3; i++) {
            Thread.sleep(500);
            assertThat(a.heartbeat("a", "c1", shortLease)).isTrue();
        }
        assertThat(a.claim("b", GRID, shortLease)).isEmpty();
        Thread.sleep(1_300);
        assertThat(a.claim("b", GRID, LEASE)).isPresent();
        assertThat(a.heartbeat("a", "c1", shortLease)).isFalse();
    }

    @Test
    void aFailedPretrainingFailsItsOtherCellsUntilTheNextRunRetriesIt() {
        PostgresResultStore a = worker("a");
        a.register(Cells.run(), cells("c1", "A", "c2", "A"), true);
        WorkQueue.Claim first = a.claim("a", GRID, LEASE).orElseThrow();
        a.complete("a", first, Cells.failed("c1", "mae", 20, 1, "NonFiniteLossException: NaN"));
        WorkQueue.Claim second = a.claim("a", GRID, LEASE).orElseThrow();
        assertThat(second.kind()).isEqualTo(WorkQueue.Claim.Kind.PRETRAINING_FAILED);
        assertThat(second.reason()).isEqualTo("pre-training failed on worker a: NonFiniteLossException: NaN");
        a.complete("a", second, Cells.failed("c2", "mae", 20, 1, second.reason()));
        assertThat(a.unfinished(GRID)).isZero();

        RunInfo again = new RunInfo("run-2", "grid", GRID, "name: grid\n", Instant.now(), Map.of());
        assertThat(a.register(again, cells("c1", "A", "c2", "A"), false)).isEqualTo(2);
        assertThat(a.unfinished(GRID))
                .as("registering without retry leaves failed cells")
                .isZero();
        a.register(again, cells("c1", "A", "c2", "A"), true);
        assertThat(a.unfinished(GRID)).isEqualTo(2);
        assertThat(a.claim("a", GRID, LEASE).orElseThrow().holdsPretraining()).isTrue();
    }

    @Test
    void statusCountsCellsWorkersAndPretrainings() {
        PostgresResultStore a = worker("a");
        a.register(Cells.run(), cells("c1", "A", "c2", "A", "c3", "B"), true);
        WorkQueue.Claim c = a.claim("a", GRID, LEASE).orElseThrow();
        assertThat(a.status().get(0).progress().meanCellSeconds())
                .as("no cell done yet")
                .isNaN();
        a.complete("a", c, succeeded("c1"));
        a.claim("a", GRID, LEASE).orElseThrow();

        WorkQueue.QueueStatus status = a.status().get(0);
        assertThat(status.progress())
                .extracting(
                        WorkQueue.GridProgress::total,
                        WorkQueue.GridProgress::succeeded,
                        WorkQueue.GridProgress::running,
                        WorkQueue.GridProgress::queued)
                .containsExactly(3, 1, 1, 1);
        assertThat(status.progress().meanCellSeconds()).isEqualTo(1.5);
        assertThat(status.workers()).singleElement().satisfies(w -> {
            assertThat(w.workerId()).isEqualTo("a");
            assertThat(w.cellsDone()).isEqualTo(1);
            assertThat(w.cellId()).isEqualTo("c2");
        });
        assertThat(status.pretrainings()).isEmpty(); // A done, B not started
    }
}
