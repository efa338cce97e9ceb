package io.pretrainbench.cli;

import io.pretrainbench.engine.exec.ProgressReporter;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.store.WorkQueue;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = {
            "Show how far the grids run by workers (`worker`, `submit`) in a PostgreSQL store are: cells done,"
                    + " running, queued and failed, each worker's last heartbeat, the pre-trainings in progress, and"
                    + " an estimate of the time left."
        })
final class StatusCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try (var store = ResultStores.openExisting(results.location)) {
            if (!(store instanceof WorkQueue queue)) {
                throw new Main.UserError("--results " + results.location.display() + ": a SQLite store has no"
                        + " workers to follow; `status` reads a PostgreSQL store that `worker` or `submit` use"
                        + " (for a SQLite store, see `leaderboard`)");
            }
            List<WorkQueue.QueueStatus> grids = queue.status();
            PrintWriter out = spec.commandLine().getOut();
            if (grids.isEmpty()) {
                out.println("no grid has been run by workers in " + results.location.display());
            }
            grids.forEach(g -> print(g, out));
        }
        return Main.OK;
    }

    private static void print(WorkQueue.QueueStatus status, PrintWriter out) {
        WorkQueue.GridProgress p = status.progress();
        long alive = status.workers().stream()
                .filter(w -> w.state().equals("running"))
                .count();
        out.printf(
                Locale.ROOT,
                "grid %s (%s): %d cells: %d succeeded, %d failed, %d running, %d queued%s%n",
                p.gridName(),
                p.gridHash().substring(0, Math.min(12, p.gridHash().length())),
                p.total(),
                p.succeeded(),
                p.failed(),
                p.running(),
                p.queued(),
                eta(p, alive));
        for (WorkQueue.WorkerStatus w : status.workers()) {
            out.printf(
                    Locale.ROOT,
                    "  worker %-24s %-16s %-8s heartbeat %5.0f s ago  %3d cells done%s%n",
                    w.workerId(),
                    w.host(),
                    w.state(),
                    w.heartbeatAgeSeconds(),
                    w.cellsDone(),
                    w.cellId() == null
                            ? ""
                            : "  running "
                                    + w.cellId()
                                            .substring(
                                                    0, Math.min(12, w.cellId().length())));
        }
        for (WorkQueue.PretrainingStatus t : status.pretrainings()) {
            out.printf(
                    Locale.ROOT,
                    "  pre-training %s on %s for %.0f s (attempt %d)%n",
                    t.encoderKey(),
                    t.workerId(),
                    t.runningSeconds(),
                    t.attempts());
        }
    }

    /** Time left if the live workers keep running cells at the mean pace of the grid's finished ones. */
    private static String eta(WorkQueue.GridProgress p, long aliveWorkers) {
        if (p.unfinished() == 0) {
            return "; finished";
        }
        if (Double.isNaN(p.meanCellSeconds()) || aliveWorkers == 0) {
            return aliveWorkers == 0 ? "; no live worker" : "; ETA unknown until a cell finishes";
        }
        double seconds = p.unfinished() * p.meanCellSeconds() / aliveWorkers;
        return String.format(
                Locale.ROOT,
                "; ETA %s with %d live workers (mean cell %.1f s)",
                ProgressReporter.format(java.time.Duration.ofSeconds(Math.round(seconds))),
                aliveWorkers,
                p.meanCellSeconds());
    }
}
