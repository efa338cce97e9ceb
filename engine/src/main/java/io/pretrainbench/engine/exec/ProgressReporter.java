package io.pretrainbench.engine.exec;

import io.pretrainbench.engine.grid.Cell;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a grid's progress: cells done/total, the current cell and its training step, elapsed time and ETA. On a
 * terminal it redraws one status line (at most a few times a second); otherwise (CI, pipes, log files) it prints one
 * plain line per finished cell, and a line on the training in progress at most every 30 seconds, so that logs stay
 * readable and a long pre-training still shows that it moves.
 */
public final class ProgressReporter implements CellRunner.StepObserver {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final long LOG_NANOS = 30_000_000_000L;

    private final PrintWriter out;
    private final boolean interactive;
    private final long stepLineNanos;
    private long started;
    private int total;
    private int done;
    private int failed;
    private long lastDraw;

    public ProgressReporter(PrintWriter out, boolean interactive) {
        this(out, interactive, interactive ? REDRAW_NANOS : LOG_NANOS);
    }

    ProgressReporter(PrintWriter out, boolean interactive, long stepLineNanos) {
        this.out = out;
        this.interactive = interactive;
        this.stepLineNanos = stepLineNanos;
    }

    synchronized void start(int cellsToRun, int skipped, int cellsInGrid) {
        started = System.nanoTime();
        lastDraw = started;
        total = cellsToRun;
        done = 0;
        failed = 0;
        out.printf(
                Locale.ROOT,
                "grid: %d cells, %d already finished in the store, %d to run%n",
                cellsInGrid,
                skipped,
                cellsToRun);
    }

    @Override
    public synchronized void step(Cell cell, String phase, int step, int totalSteps, double loss) {
        long now = System.nanoTime();
        if (now - lastDraw < stepLineNanos) {
            return;
        }
        lastDraw = now;
        String steps = totalSteps > 0 ? step + "/" + totalSteps : Integer.toString(step);
        String line = String.format(
                Locale.ROOT, "%s | %s %s %s loss %.4f", header(), cell.key().label(), phase, steps, loss);
        if (interactive) {
            out.print("\r\033[K" + (line.length() > 160 ? line.substring(0, 160) : line));
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** A worker process is ready for cells: what its start-up cost, the latency before its first cell. */
    synchronized void workerReady(int slot, WorkerProtocol.Ready startup) {
        if (interactive) {
            out.print("\r\033[K");
        }
        out.printf(
                Locale.ROOT,
                "worker %d ready after %.1f s: JVM start %.1f s, plugins %.1f s, TensorFlow %.1f s, grid and its data"
                        + " %.1f s%n",
                slot + 1,
                startup.totalSeconds(),
                startup.jvmSeconds(),
                startup.pluginsSeconds(),
                startup.tensorflowSeconds(),
                startup.gridSeconds());
        out.flush();
    }

    synchronized void finished(FinishedCell cell) {
        done++;
        String outcome;
        if (cell.succeeded()) {
            outcome = String.format(Locale.ROOT, "test_acc=%.4f", cell.testAccuracy());
        } else {
            failed++;
            outcome = "FAILED: " + cell.error();
        }
        if (interactive) {
            out.print("\r\033[K");
        }
        out.printf(Locale.ROOT, "%s | %s %s (%.1f s)%n", header(), cell.label(), outcome, cell.wallSeconds());
        out.flush();
    }

    synchronized void end() {
        out.printf(
                Locale.ROOT,
                "finished %d cells in %s: %d succeeded, %d failed%n",
                done,
                format(elapsed()),
                done - failed,
                failed);
    }

    private String header() {
        Duration elapsed = elapsed();
        String eta = done == 0 ? "?" : format(elapsed.multipliedBy(total - done).dividedBy(done));
        return String.format(Locale.ROOT, "[%d/%d] elapsed %s ETA %s", done, total, format(elapsed), eta);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** A duration as {@code 1h05m} or {@code 3m07s}. */
    public static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
