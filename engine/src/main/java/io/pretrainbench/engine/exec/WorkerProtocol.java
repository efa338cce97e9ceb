package io.pretrainbench.engine.exec;

import io.pretrainbench.results.store.CellStatus;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The lines a {@link CellWorker} writes to its supervisor, one message per line, fields separated by tabs: {@code ready
 * JVM PLUGINS TENSORFLOW GRID} (the seconds its start-up took, {@link Ready}); {@code step PHASE STEP TOTAL LOSS} (at
 * most a few per second); {@code done CELL_ID STATUS TEST_ACCURACY WALL_SECONDS ERROR} once the cell is stored;
 * {@code unknown CELL_ID} for an id the worker's grid does not have. Text fields have tabs and line breaks replaced by
 * spaces.
 */
final class WorkerProtocol {
    private static final long STEP_INTERVAL_NANOS = 200_000_000L;

    private WorkerProtocol() {}

    /** A parsed message. */
    sealed interface Message {}

    /**
     * The worker is ready for cells, after these seconds of start-up: the JVM's own start (process start to
     * {@code main}), discovering plugins, loading TensorFlow's native library, and reading the grid, whose data
     * checksums load the data sets its cells use.
     */
    record Ready(double jvmSeconds, double pluginsSeconds, double tensorflowSeconds, double gridSeconds)
            implements Message {
        double totalSeconds() {
            return jvmSeconds + pluginsSeconds + tensorflowSeconds + gridSeconds;
        }
    }

    record Step(String phase, int step, int totalSteps, double loss) implements Message {}

    record Done(FinishedCell cell) implements Message {}

    record Unknown(String cellId) implements Message {}

    /** The worker's side. */
    static final class Sender {
        private final PrintStream out;
        private long lastStep;

        Sender(PrintStream out) {
            this.out = out;
        }

        synchronized void ready(Ready startup) {
            out.println(String.join(
                    "\t",
                    "ready",
                    Double.toString(startup.jvmSeconds()),
                    Double.toString(startup.pluginsSeconds()),
                    Double.toString(startup.tensorflowSeconds()),
                    Double.toString(startup.gridSeconds())));
        }

        synchronized void step(String phase, int step, int totalSteps, double loss) {
            long now = System.nanoTime();
            if (now - lastStep < STEP_INTERVAL_NANOS) {
                return;
            }
            lastStep = now;
            out.println(String.join(
                    "\t",
                    "step",
                    clean(phase),
                    Integer.toString(step),
                    Integer.toString(totalSteps),
                    Double.toString(loss)));
        }

        synchronized void done(FinishedCell cell) {
            out.println(String.join(
                    "\t",
                    "done",
                    cell.cellId(),
                    cell.status().name(),
                    Double.toString(cell.testAccuracy()),
                    Double.toString(cell.wallSeconds()),
                    cell.error() == null ? "" : clean(cell.error()),
                    clean(cell.label())));
        }

        synchronized void unknownCell(String cellId) {
            out.println("unknown\t" + clean(cellId));
        }
    }

    /**
     * Reads one line; throws {@link IllegalArgumentException} on anything else, which the supervisor treats as fatal.
     */
    static Message parse(String line) {
        String[] f = line.split("\t", -1);
        return switch (f[0]) {
            case "ready" -> new Ready(
                    Double.parseDouble(f[1]),
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]),
                    Double.parseDouble(f[4]));
            case "step" -> new Step(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Double.parseDouble(f[4]));
            case "done" -> new Done(new FinishedCell(
                    f[1],
                    f[6],
                    CellStatus.valueOf(f[2]),
                    Double.parseDouble(f[3]),
                    f[5].isEmpty() ? null : f[5],
                    Double.parseDouble(f[4])));
            case "unknown" -> new Unknown(f[1]);
            default -> throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "unexpected line from a worker: %s",
                    line.length() > 200 ? line.substring(0, 200) + "..." : line));
        };
    }

    private static String clean(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
