package io.pretrainbench.engine.exec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the process's resident memory (heap and TensorFlow's native allocations alike) while cells run, so that each
 * cell can record the peak it saw. Process-wide: with {@code --parallelism > 1}, overlapping cells share it.
 */
final class ResourceMonitor implements AutoCloseable {
    private static final Path STATUS = Path.of("/proc/self/status");
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "pretrainbench-memory-sampler");
        t.setDaemon(true);
        return t;
    });
    private final java.util.Set<AtomicLong> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ResourceMonitor() {
        sampler.scheduleAtFixedRate(this::sample, 0, 200, TimeUnit.MILLISECONDS);
    }

    /** Starts tracking the peak for one cell; read it with {@link Window#peakBytes()}. */
    Window open() {
        AtomicLong peak = new AtomicLong(residentBytes());
        open.add(peak);
        return new Window(peak);
    }

    final class Window implements AutoCloseable {
        private final AtomicLong peak;
        private final long cpuStart = processCpuNanos();

        private Window(AtomicLong peak) {
            this.peak = peak;
        }

        long peakBytes() {
            peak.accumulateAndGet(residentBytes(), Math::max);
            return peak.get();
        }

        /** Process CPU seconds since the window opened (all threads, TensorFlow's included). */
        double cpuSeconds() {
            return (processCpuNanos() - cpuStart) / 1e9;
        }

        @Override
        public void close() {
            open.remove(peak);
        }
    }

    private void sample() {
        long now = residentBytes();
        open.forEach(p -> p.accumulateAndGet(now, Math::max));
    }

    /** VmRSS from /proc on Linux; the JVM's committed heap elsewhere. */
    static long residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        return Runtime.getRuntime().totalMemory();
    }

    private static long processCpuNanos() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return 0;
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
