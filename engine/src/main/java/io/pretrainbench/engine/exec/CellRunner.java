package io.pretrainbench.engine.exec;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.PluginUse;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.bound.EstimateKind;
import io.pretrainbench.api.bound.EstimationContext;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.finetune.FineTuneResult;
import io.pretrainbench.api.finetune.FineTuningContext;
import io.pretrainbench.api.finetune.FineTuningProtocol;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.PluginChoice;
import io.pretrainbench.engine.registry.PluginKind;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.results.store.CellOutcome;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.CellStatus;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one cell: obtains the pre-trained encoder (from the cache, or by pre-training), draws the labelled budget,
 * fine-tunes with the protocol, then lets every bound estimator read the outcome. Never throws: whatever goes wrong
 * becomes a {@link CellStatus#FAILED} result with its error, so the grid goes on.
 */
public final class CellRunner {
    private static final int FEATURE_BATCH = 256;

    private final PluginRegistry registry;
    private final EncoderCache encoders;

    @Inject
    public CellRunner(PluginRegistry registry, EncoderCache encoders) {
        this.registry = registry;
        this.encoders = encoders;
    }

    /** Callbacks of a running cell: each optimisation step, for progress display. */
    public interface StepObserver {
        void step(Cell cell, String phase, int step, int totalSteps, double loss);
    }

    /**
     * Runs a cell under its time limit: when the limit passes, the cell's cancellation is signalled and the plugin
     * stops at its next checkpoint (a plugin that never looks is stopped by its worker process's supervisor instead).
     */
    CellResult runWithTimeLimit(
            Cell cell,
            String runId,
            Compute compute,
            Duration limit,
            ScheduledExecutorService watchdog,
            ResourceMonitor monitor,
            StepObserver observer) {
        CellCancellation cancellation = new CellCancellation();
        ScheduledFuture<?> timer =
                watchdog.schedule(() -> cancellation.timeOut(limit), limit.toMillis(), TimeUnit.MILLISECONDS);
        try (ResourceMonitor.Window window = monitor.open()) {
            return run(cell, runId, compute, cancellation, observer, window);
        } finally {
            timer.cancel(false);
        }
    }

    CellResult run(
            Cell cell,
            String runId,
            Compute compute,
            CellCancellation cancellation,
            StepObserver observer,
            ResourceMonitor.Window window) {
        long start = System.nanoTime();
        Map<String, List<Double>> curves = new LinkedHashMap<>();
        String encoderChecksum = null;
        try {
            DownstreamTask task = plugin(PluginKind.TASK, cell.task(), DownstreamTask.class);
            TaskData data =
                    task.load(DataContext.builder().params(cell.task().params()).build());
            EncoderCache.Pretrained pretrained = pretrained(cell, compute, cancellation, observer);
            encoderChecksum = pretrained.checksum();
            if (pretrained.trainedHere()) { // stored once, with the cell that trained it
                curves.put("pretrain", pretrained.curve());
            }
            Encoder encoder = pretrained.encoder();
            if (!Arrays.equals(encoder.inputShape(), data.trainPool().shape())) {
                throw new IllegalArgumentException(
                        "encoder expects inputs of shape " + Arrays.toString(encoder.inputShape()) + " but task '"
                                + cell.task().name() + "' has "
                                + Arrays.toString(data.trainPool().shape()));
            }
            BudgetSampler.Split split = BudgetSampler.split(
                    data.trainPool(), data.numClasses(), labelled(cell, data), cell.validationFraction());
            cancellation.checkpoint();
            FineTuningProtocol protocol = plugin(PluginKind.PROTOCOL, cell.protocol(), FineTuningProtocol.class);
            List<Double> finetuneCurve = new ArrayList<>();
            FineTuneResult tuned = protocol.fineTune(FineTuningContext.builder()
                    .encoder(encoder)
                    .train(split.train())
                    .validation(split.validation())
                    .test(data.test())
                    .numClasses(data.numClasses())
                    .params(cell.protocol().params())
                    .seed(cell.seed())
                    .compute(compute)
                    .progress(listener(cell, finetuneCurve, observer))
                    .cancellation(cancellation)
                    .build());
            if (!finetuneCurve.isEmpty()) {
                curves.put("finetune", finetuneCurve);
            }
            Map<String, BoundEstimate> bounds = new TreeMap<>();
            Map<String, String> boundErrors = new TreeMap<>();
            Set<String> diagnostics = new TreeSet<>();
            if (!cell.estimators().isEmpty()) {
                FeatureMatrix features =
                        EncoderFeatures.compute(tuned.encoder(), split.train(), compute, FEATURE_BATCH);
                for (PluginChoice choice : cell.estimators()) {
                    cancellation.checkpoint();
                    try {
                        BoundEstimator estimator = plugin(PluginKind.ESTIMATOR, choice, BoundEstimator.class);
                        if (estimator.kind() == EstimateKind.DIAGNOSTIC) {
                            diagnostics.add(choice.name());
                        }
                        bounds.put(
                                choice.name(),
                                estimator.estimate(EstimationContext.builder()
                                        .encoder(tuned.encoder())
                                        .head(tuned.head())
                                        .train(split.train())
                                        .trainFeatures(features)
                                        .numClasses(data.numClasses())
                                        .metrics(tuned.metrics())
                                        .params(choice.params())
                                        .seed(cell.seed())
                                        .pretrainedEncoder(encoder)
                                        .pretrainCurve(pretrained.curve())
                                        .task(use(cell.task()))
                                        .corpus(use(cell.corpus()))
                                        .build()));
                    } catch (RuntimeException e) {
                        boundErrors.put(choice.name(), describe(e));
                    }
                }
            }
            if (cancellation.isCancelled()) {
                throw new CancellationException(cancellation.reason());
            }
            return new CellResult(
                    cell.key(),
                    runId,
                    CellOutcome.succeeded(
                            seconds(start),
                            window.cpuSeconds(),
                            window.peakBytes(),
                            encoderChecksum,
                            tuned.metrics(),
                            bounds,
                            boundErrors,
                            diagnostics),
                    curves);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            String error = cancellation.isCancelled() ? cancellation.reason() : describe(e);
            return new CellResult(
                    cell.key(),
                    runId,
                    CellOutcome.failed(error, seconds(start), window.cpuSeconds(), window.peakBytes(), encoderChecksum),
                    curves);
        }
    }

    /** The cell's labelled examples: given by its label-splits file, or drawn. */
    static int[] labelled(Cell cell, TaskData data) {
        return cell.labelSplits() != null
                ? cell.labelSplits().indices(cell.budget(), cell.seed())
                : BudgetSampler.draw(
                        data.trainPool(), data.numClasses(), cell.budget(), cell.validationFraction(), cell.seed());
    }

    private EncoderCache.Pretrained pretrained(
            Cell cell, Compute compute, CellCancellation cancellation, StepObserver observer) {
        PretrainingMethod method = plugin(PluginKind.METHOD, cell.method(), PretrainingMethod.class);
        return encoders.obtain(
                cell.pretrainingKey(),
                method,
                () -> {
                    PretrainingCorpus corpusPlugin = plugin(PluginKind.CORPUS, cell.corpus(), PretrainingCorpus.class);
                    Examples corpus = corpusPlugin
                            .load(DataContext.builder()
                                    .params(cell.corpus().params())
                                    .build())
                            .withoutLabels();
                    List<Double> curve = new ArrayList<>();
                    Encoder encoder = method.pretrain(PretrainingContext.builder()
                            .corpus(corpus)
                            .params(cell.method().params())
                            .seed(cell.pretrainSeed())
                            .compute(compute)
                            .progress(listener(cell, curve, observer))
                            .cancellation(cancellation)
                            .build());
                    return new EncoderCache.Trained(encoder, List.copyOf(curve));
                },
                cancellation);
    }

    /** Records the curve, refuses non-finite losses (the cell then fails), and forwards progress. */
    private static ProgressListener listener(Cell cell, List<Double> curve, StepObserver observer) {
        return (phase, step, totalSteps, loss) -> {
            ProgressListener.NONE.step(phase, step, totalSteps, loss);
            curve.add(loss);
            observer.step(cell, phase, step, totalSteps, loss);
        };
    }

    private static PluginUse use(PluginChoice choice) {
        return new PluginUse(choice.name(), choice.params());
    }

    private <T> T plugin(PluginKind kind, PluginChoice choice, Class<T> type) {
        return type.cast(registry.get(kind, choice.name()));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
