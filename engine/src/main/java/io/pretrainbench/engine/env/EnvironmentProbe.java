package io.pretrainbench.engine.env;

import io.pretrainbench.api.SpiVersion;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * What a run records about where it ran, so that results say how they were obtained: Java, TensorFlow, OS, CPU, the git
 * commit of the PretrainBench checkout (with {@code +dirty} for uncommitted changes), SPI version, host; and for a run
 * on GPUs, their model, driver and CUDA versions.
 */
public final class EnvironmentProbe {
    private final Path home;

    /** @param home the PretrainBench checkout, for the git commit; may be null */
    public EnvironmentProbe(Path home) {
        this.home = home;
    }

    public Map<String, String> describe() {
        Map<String, String> env = new TreeMap<>();
        env.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        env.put(
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        env.put("cpu", cpuModel());
        env.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        env.put("max_heap_mib", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        env.put("tensorflow", tensorflowVersion());
        env.put("spi", SpiVersion.CURRENT);
        env.put("pretrainbench", versionOf(EnvironmentProbe.class));
        env.put("git_commit", gitCommit());
        env.put("host", hostName());
        return env;
    }

    /**
     * The GPUs: model and driver as {@code nvidia-smi} reports them, the highest CUDA version the driver supports, the
     * native library and the devices TensorFlow sees (with their memory). A value is "unavailable" where its source is.
     */
    public Map<String, String> gpus() {
        Map<String, String> env = new TreeMap<>();
        String query = run("nvidia-smi", "--query-gpu=index,name,driver_version,memory.total", "--format=csv,noheader");
        env.put(
                "gpus",
                query.isEmpty()
                        ? "unavailable (no nvidia-smi)"
                        : String.join("; ", query.strip().lines().toList()));
        env.put(
                "cuda_driver",
                run("nvidia-smi")
                        .lines()
                        .filter(l -> l.contains("CUDA Version"))
                        .map(l -> l.replaceAll(".*CUDA Version:\\s*([0-9.]+).*", "$1"))
                        .findFirst()
                        .orElse("unavailable"));
        env.put("tensorflow_native", TensorFlowDevices.nativeLibrary());
        env.put("tensorflow_devices", TensorFlowDevices.list().toString());
        return env;
    }

    private static String tensorflowVersion() {
        try {
            return org.tensorflow.TensorFlow.version();
        } catch (RuntimeException | LinkageError e) {
            return "unavailable (" + e.getClass().getSimpleName() + ")";
        }
    }

    private static String versionOf(Class<?> type) {
        String v = type.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private String gitCommit() {
        if (home == null) {
            return "unknown";
        }
        String commit = git("rev-parse", "HEAD");
        if (commit.isEmpty()) {
            return "unknown";
        }
        return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? commit : commit + "+dirty";
    }

    private String git(String... args) {
        String[] command = new String[args.length + 3];
        command[0] = "git";
        command[1] = "-C";
        command[2] = home.toString();
        System.arraycopy(args, 0, command, 3, args.length);
        return run(command);
    }

    /** The standard output of a command that exits 0 within 10 s, or "" (also when it does not exist). */
    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
