package io.pretrainbench.results.store;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The cells of a grid shared out between worker processes (on one machine or a cluster) through the store: a worker
 * claims a cell under a lease, renews the lease while the cell runs, and completes the claim by storing the result. A
 * cell whose lease expires (its worker died) can be claimed again; a result is stored once whatever happens (a
 * succeeded cell is never replaced). Pre-trainings are claimed the same way by encoder key, so that each encoder is
 * pre-trained by one worker while the others run cells whose encoders are ready.
 */
public interface WorkQueue {
    /** After this many expired leases a cell is stored as failed instead of being handed out again. */
    int MAX_ATTEMPTS = 3;

    /** A cell of a grid, in the order workers should take them. */
    record QueuedCell(String cellId, String encoderKey) {}

    /**
     * A cell handed to a worker.
     *
     * @param holdsPretraining whether this worker claimed the cell's pre-training (it trains the encoder, or loads it
     *     from the encoder cache if it is there already); otherwise another worker pre-trained it
     * @param reason for {@link Kind#ABANDONED} and {@link Kind#PRETRAINING_FAILED}: why the cell fails without running
     */
    record Claim(String cellId, String encoderKey, Kind kind, boolean holdsPretraining, String reason) {
        public enum Kind {
            /** Run the cell. */
            RUN,
            /** Its lease expired {@link #MAX_ATTEMPTS} times: store it as failed. */
            ABANDONED,
            /** The pre-training it needs failed on some worker: store it as failed. */
            PRETRAINING_FAILED
        }
    }

    /** How far a grid is. {@code meanCellSeconds} is NaN before a cell has succeeded. */
    record GridProgress(
            String gridHash,
            String gridName,
            int total,
            int succeeded,
            int failed,
            int running,
            int queued,
            double meanCellSeconds) {
        public int unfinished() {
            return running + queued;
        }
    }

    /** A worker as {@code status} shows it; {@code state} is running, exited, or lost (no heartbeat for a lease). */
    record WorkerStatus(
            String workerId, String host, String state, double heartbeatAgeSeconds, String cellId, int cellsDone) {}

    record PretrainingStatus(String encoderKey, String workerId, double runningSeconds, int attempts) {}

    /** A grid's progress with the workers on it and the pre-trainings in progress. */
    record QueueStatus(GridProgress progress, List<WorkerStatus> workers, List<PretrainingStatus> pretrainings) {}

    /**
     * Registers a run of a grid: the run's record, the grid's cells in order, and a queue entry for every cell that has
     * none. Idempotent: registering the same grid again (a second submission, a second worker) adds nothing that is
     * there.
     *
     * @param retryFailed whether cells stored as failed, and failed pre-trainings, are queued again (a new run retries
     *     what failed, as a local re-run does)
     * @return how many of the grid's cells are not yet stored as succeeded
     */
    int register(RunInfo run, List<QueuedCell> cells, boolean retryFailed);

    /** Records a worker as running (its heartbeat starts now). */
    void startWorker(
            String workerId, String runId, String gridHash, String host, long pid, int threads, Duration lease);

    /** The next cell for this worker, or empty when no cell of the grid can be claimed now. */
    Optional<Claim> claim(String workerId, String gridHash, Duration lease);

    /**
     * Renews the leases of the worker's cell and of the pre-trainings it holds, and its heartbeat.
     *
     * @return whether the worker still held the cell's lease (false: it expired and another worker may have it)
     */
    boolean heartbeat(String workerId, String cellId, Duration lease);

    /**
     * Marks a pre-training this worker holds as done as soon as its encoder is saved in the shared cache, so that other
     * workers take cells that need it while this one is still fine-tuning.
     */
    void pretrained(String workerId, String encoderKey, String encoderChecksum);

    /**
     * Stores the claimed cell's result (unless the cell is already stored as succeeded), marks it done, and settles the
     * pre-training the worker held: done with the encoder's checksum, or failed with the cell's error.
     */
    void complete(String workerId, Claim claim, CellResult result);

    void stopWorker(String workerId, String reason);

    /** Cells of the grid queued or running. */
    int unfinished(String gridHash);

    /** Every registered grid's progress, the most recently started first. */
    List<QueueStatus> status();
}
