package io.pretrainbench.engine.study;

import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the Monte Carlo of a study, whatever its case studies: for each case and each n, {@code replicates} independent
 * replicates of n (R - sigma^2), each from its own seed (see {@link StudySeeds}), in parallel. Values are stored by
 * replicate index and summed in that order, so the table is identical for any thread count.
 */
public final class StudyRunner {
    /** Two-sided 95% normal quantile: replicate counts are in the hundreds, where Student's t adds under 0.3%. */
    static final double Z95 = 1.959963984540054;

    /** Told after each replicate; implementations must be thread-safe. */
    public interface Progress {
        void replicateDone(String caseName, int n, int done, int total);
    }

    private final int threads;
    private final Progress progress;

    public StudyRunner(int threads, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + " must be >= 1");
        }
        this.threads = threads;
        this.progress = progress;
    }

    public List<StudyRow> run(StudySpec spec) throws InterruptedException {
        List<StudyRow> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (StudySpec.CaseSpec c : spec.cases()) {
                Prediction prediction = c.model().predict(c.alpha());
                for (int n : c.sizes()) {
                    rows.add(measure(pool, spec.seed(), c, n, prediction));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    StudyRow measure(ExecutorService pool, long seed, StudySpec.CaseSpec c, int n, Prediction prediction)
            throws InterruptedException {
        int m = c.pretrainingSize(n);
        CaseModel model = c.model();
        int total = c.replicates();
        double[] values = new double[total];
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>(total);
        for (int r = 0; r < total; r++) {
            int replicate = r;
            futures.add(pool.submit(() -> {
                values[replicate] = n * model.excessRisk(n, m, StudySeeds.replicate(seed, c.name(), n, replicate));
                progress.replicateDone(c.name(), n, done.incrementAndGet(), total);
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        c.name() + " n=" + n + ": replicate failed: "
                                + e.getCause().getMessage(),
                        e.getCause());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= total;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double half = Z95 * Math.sqrt(ss / (total - 1) / total);
        return new StudyRow(c.name(), n, m, total, mean, mean - half, mean + half, prediction, seconds);
    }
}
