package io.pretrainbench.engine.study;

import io.pretrainbench.api.study.CaseModel;
import io.pretrainbench.api.study.DistributionalModel;
import io.pretrainbench.api.study.Prediction;
import io.pretrainbench.api.study.RiskSplit;
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
 * replicate index and summed in that order, so the table is identical for any thread count. An entry with
 * {@code label_noise: averaged} also keeps each replicate's parts and compares them with the limit law drawn once per
 * entry; a sweep entry only evaluates its predictions.
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

    public StudyResult run(StudySpec spec) throws InterruptedException {
        List<StudyRow> rows = new ArrayList<>();
        List<SweepRow> sweeps = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (StudySpec.CaseSpec c : spec.cases()) {
                if (c.sweep() != null) {
                    sweeps.addAll(sweep(c));
                    continue;
                }
                Prediction prediction = c.model().predict(c.alpha());
                LimitLaw law = c.labelNoise() == StudySpec.LabelNoise.AVERAGED
                        ? LimitLaw.simulate(
                                prediction,
                                ((DistributionalModel) c.model()).lawOfLSquared(),
                                LimitLaw.DRAWS,
                                StudySeeds.law(spec.seed(), c.name()))
                        : null;
                for (int n : c.sizes()) {
                    rows.add(measure(pool, spec.seed(), c, n, prediction, law));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new StudyResult(rows, sweeps);
    }

    private static List<SweepRow> sweep(StudySpec.CaseSpec c) {
        StudySpec.Sweep sweep = c.sweep();
        List<SweepRow> out = new ArrayList<>();
        for (int i = 0; i < sweep.values().size(); i++) {
            out.add(new SweepRow(
                    c.name(),
                    sweep.parameter(),
                    sweep.values().get(i),
                    sweep.models().get(i).predict(c.alpha())));
        }
        return out;
    }

    StudyRow measure(ExecutorService pool, long seed, StudySpec.CaseSpec c, int n, Prediction prediction, LimitLaw law)
            throws InterruptedException {
        int m = c.pretrainingSize(n);
        CaseModel model = c.model();
        int total = c.replicates();
        double[] values = new double[total];
        double[] pretraining = law == null ? null : new double[total];
        double[] variance = law == null ? null : new double[total];
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>(total);
        for (int r = 0; r < total; r++) {
            int replicate = r;
            long replicateSeed = StudySeeds.replicate(seed, c.name(), n, replicate);
            futures.add(pool.submit(() -> {
                if (law == null) {
                    values[replicate] = n * model.excessRisk(n, m, replicateSeed);
                } else {
                    RiskSplit split = ((DistributionalModel) model).averagedRisk(n, m, replicateSeed);
                    values[replicate] = n * split.total();
                    pretraining[replicate] = n * split.pretraining();
                    variance[replicate] = n * split.variance();
                }
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
        Distribution distribution = law == null
                ? null
                : Distribution.of(values, pretraining, variance, law, prediction.sigma2() * prediction.dEff());
        return new StudyRow(c.name(), n, m, total, mean, mean - half, mean + half, prediction, seconds, distribution);
    }
}
