package io.pretrainbench.engine.exec;

import io.pretrainbench.results.store.StoreLocation;
import java.nio.file.Path;

/**
 * How the local executor runs a grid.
 *
 * @param parallelism cells run at once
 * @param threadsPerCell TensorFlow intra-op threads per cell; the machine's cores divided between parallel cells
 * @param encoderCache folder where pre-trained encoders are saved and found again by later runs
 * @param isolation where cells run: supervised worker processes (the default) or threads of this JVM
 * @param pluginsDir the plugins folder worker processes load, or null for the built-ins only
 * @param results the store worker processes write their cells to
 * @param devices the TensorFlow device of each parallel slot
 */
public record ExecutionSettings(
        int parallelism,
        int threadsPerCell,
        Path encoderCache,
        Isolation isolation,
        Path pluginsDir,
        StoreLocation results,
        SlotDevices devices) {

    /**
     * Where a grid's cells run. {@code PROCESS}: each parallel slot is a worker JVM that the run supervises, so a cell
     * that ignores its time limit is killed and one that crashes its JVM (a native crash, {@code Runtime.halt}, the
     * operating system's out-of-memory killer) loses only itself; the slot gets a fresh worker. {@code THREAD}: cells
     * run on threads of this JVM, which saves a JVM start per slot but trusts every plugin to stop when told.
     */
    public enum Isolation {
        PROCESS,
        THREAD
    }

    public ExecutionSettings {
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
        }
        if (threadsPerCell < 1) {
            throw new IllegalArgumentException("--threads-per-cell must be >= 1, got " + threadsPerCell);
        }
    }

    /** These settings with {@code threads} intra-op threads per cell instead. */
    public ExecutionSettings withThreadsPerCell(int threads) {
        return new ExecutionSettings(parallelism, threads, encoderCache, isolation, pluginsDir, results, devices);
    }

    /** Divides the available processors evenly between the parallel cells. */
    public static ExecutionSettings forParallelism(
            int parallelism,
            Path encoderCache,
            Isolation isolation,
            Path pluginsDir,
            StoreLocation results,
            SlotDevices devices) {
        int cores = Runtime.getRuntime().availableProcessors();
        return new ExecutionSettings(
                parallelism,
                Math.max(1, cores / Math.max(1, parallelism)),
                encoderCache,
                isolation,
                pluginsDir,
                results,
                devices);
    }
}
