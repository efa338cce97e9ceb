package io.pretrainbench.engine.verify;

import io.pretrainbench.api.Compute;
import io.pretrainbench.api.model.EncoderStateCodec;
import io.pretrainbench.engine.exec.EncoderCache;
import io.pretrainbench.engine.exec.SingleCellRunner;
import io.pretrainbench.engine.grid.Cell;
import io.pretrainbench.engine.grid.GridException;
import io.pretrainbench.engine.grid.GridExpander;
import io.pretrainbench.engine.grid.GridParser;
import io.pretrainbench.engine.grid.GridSpec;
import io.pretrainbench.engine.registry.PluginKind;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegisteredPlugin;
import io.pretrainbench.results.bundle.Bundle;
import io.pretrainbench.results.bundle.Verification.CellVerdict;
import io.pretrainbench.results.bundle.Verification.Verdict;
import io.pretrainbench.results.store.CellKey;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.RunInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Re-runs cells of a bundle here and compares them with what the bundle records. Each cell is rebuilt from the bundle
 * alone: its run's grid text is parsed and expanded with the plugins installed here, and the cell is found among the
 * expanded cells by its id — which proves that the recorded configuration (plugin names and versions, parameters, data
 * checksums, seeds) maps to the same cell here. It then runs with the threads per cell its run recorded, and
 * {@link MetricComparison} decides: identical on the same platform, within a tolerance elsewhere.
 *
 * <p>Pre-trained encoders are trained again, unless the trusted cache given holds the cell's encoder with exactly the
 * checksum the bundle records: only then is it copied into this verifier's own cache and reused, so a cache entry never
 * stands in for an encoder the submission did not use.
 */
public final class BundleVerifier implements AutoCloseable {
    private final PluginRegistry registry;
    private final Path staging;
    private final Path trustedCache;
    private final Platform here;
    private final SingleCellRunner runner;
    private final Map<String, Object> grids = new HashMap<>(); // run id → GridSpec, or the problem that stops it
    private final Map<String, String> encoderSources =
            new HashMap<>(); // pre-training key → where its encoder came from

    /**
     * @param staging an empty folder for this verifier's encoder cache
     * @param trustedCache a folder of cached encoders to reuse when their checksums match the bundle, or null
     * @param environment this machine's environment ({@code EnvironmentProbe#describe()}), for the platform
     */
    public BundleVerifier(PluginRegistry registry, Path staging, Path trustedCache, Map<String, String> environment) {
        this.registry = registry;
        this.staging = staging;
        this.trustedCache = trustedCache;
        this.here = Platform.of(environment);
        this.runner = new SingleCellRunner(registry, new EncoderCache(staging));
    }

    /**
     * {@code k} of the bundle's succeeded cells (failed cells have no metrics to compare), drawn without replacement by
     * a {@link Random} seeded with {@code seed} from the cells ordered by id: the same sample on every machine.
     */
    public static List<CellResult> sample(Bundle.Contents bundle, int k, long seed) {
        List<CellResult> cells = new ArrayList<>(bundle.cells().stream()
                .filter(c -> c.outcome().status() == CellStatus.SUCCEEDED)
                .sorted(Comparator.comparing(c -> c.key().cellId()))
                .toList());
        Collections.shuffle(cells, new Random(seed));
        return List.copyOf(cells.subList(0, Math.min(k, cells.size())));
    }

    /** Re-runs one recorded cell of {@code bundle} and says whether it reproduced. */
    public CellVerdict verify(Bundle.Contents bundle, CellResult recorded) {
        CellKey key = recorded.key();
        Optional<RunInfo> run = bundle.runs().stream()
                .filter(r -> r.runId().equals(recorded.runId()))
                .findFirst();
        if (run.isEmpty()) {
            return couldNotRun(key, "the bundle has no run " + recorded.runId() + " to take its grid from");
        }
        Optional<String> plugins = pluginProblem(key);
        if (plugins.isPresent()) {
            return couldNotRun(key, plugins.get());
        }
        Object grid = grids.computeIfAbsent(run.get().runId(), id -> parse(run.get()));
        if (grid instanceof String problem) {
            return couldNotRun(key, problem);
        }
        GridSpec spec = (GridSpec) grid;
        List<Cell> cells = GridExpander.expand(spec);
        Optional<Cell> cell =
                cells.stream().filter(c -> c.id().equals(key.cellId())).findFirst();
        if (cell.isEmpty()) {
            return couldNotRun(key, missingCell(key, cells));
        }
        Map<String, String> recordedEnv = run.get().environment();
        int threads = threads(recordedEnv);
        MetricComparison comparison = new MetricComparison(
                Platform.of(recordedEnv).equals(here) && recordedEnv.containsKey("threads_per_cell"));
        String encoder = encoderSources.computeIfAbsent(
                cell.get().pretrainingKey(),
                k -> reuseCachedEncoder(cell.get(), recorded.outcome().encoderChecksum()));
        CellResult again = runner.run(cell.get(), "verify", Compute.cpu(threads), spec.cellTimeout());
        if (again.outcome().status() != CellStatus.SUCCEEDED) {
            return couldNotRun(key, "the cell failed here: " + again.outcome().error());
        }
        String how = comparison.describe() + ", " + threads + " threads per cell, " + encoder;
        return comparison
                .difference(
                        recorded.outcome().metrics().orElseThrow(),
                        again.outcome().metrics().orElseThrow(),
                        recorded.outcome().encoderChecksum(),
                        again.outcome().encoderChecksum())
                .map(d -> new CellVerdict(key.cellId(), key.label(), Verdict.DIVERGED, d + " [" + how + "]"))
                .orElseGet(() -> new CellVerdict(key.cellId(), key.label(), Verdict.REPRODUCED, how));
    }

    /** The platform this verifier runs on, as recorded by a run: CPU model and architecture. */
    public String platform() {
        return here.toString();
    }

    private Optional<String> pluginProblem(CellKey key) {
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(key.pluginVersions()).entrySet()) {
            String[] kindAndName = e.getKey().split(":", 2);
            Optional<PluginKind> kind = Arrays.stream(PluginKind.values())
                    .filter(k -> k.id().equals(kindAndName[0]))
                    .findFirst();
            Optional<RegisteredPlugin> plugin = kind.flatMap(k -> registry.find(k, kindAndName[1]));
            if (plugin.isEmpty()) {
                return Optional.of("missing plugin " + e.getKey() + " " + e.getValue()
                        + " (not installed here; add its jar" + " with --plugins DIR)");
            }
            String version = plugin.get().descriptor().version();
            if (!version.equals(e.getValue())) {
                return Optional.of("other plugin version: " + e.getKey() + " is " + version + " here, the bundle used "
                        + e.getValue());
            }
        }
        return Optional.empty();
    }

    private Object parse(RunInfo run) {
        try {
            return new GridParser(registry).parse(Path.of(run.gridName() + ".yaml"), run.gridSource());
        } catch (GridException e) {
            return "the recorded grid does not validate here (missing data?): " + String.join("; ", e.problems());
        }
    }

    /** Why the recorded grid, expanded here, has no cell with this id: most likely other data. */
    private static String missingCell(CellKey key, List<Cell> cells) {
        return cells.stream()
                .map(Cell::key)
                .filter(k -> k.label().equals(key.label())
                        && k.methodParams().equals(key.methodParams())
                        && k.corpusParams().equals(key.corpusParams())
                        && k.taskParams().equals(key.taskParams())
                        && k.protocolParams().equals(key.protocolParams())
                        && k.pretrainSeed() == key.pretrainSeed())
                .findFirst()
                .map(k -> "other data here: the data checksum is " + k.dataChecksum() + ", the bundle recorded "
                        + key.dataChecksum())
                .orElse("the recorded grid expands to no cell with this id here");
    }

    private static int threads(Map<String, String> environment) {
        try {
            return Integer.parseInt(environment.getOrDefault("threads_per_cell", "1"));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /**
     * Copies the trusted cache's encoder for this cell into the staging cache when its checksum is the recorded one;
     * says where the encoder will come from.
     */
    private String reuseCachedEncoder(Cell cell, String recordedChecksum) {
        String name = cell.pretrainingKey() + ".encoder";
        if (trustedCache == null || recordedChecksum == null) {
            return "encoder pre-trained here";
        }
        Path cached = trustedCache.resolve(name);
        if (!Files.isRegularFile(cached)) {
            return "encoder pre-trained here (none in the cache)";
        }
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(cached))) {
            String checksum = EncoderStateCodec.checksum(EncoderStateCodec.read(in));
            if (!checksum.equals(recordedChecksum)) {
                return "encoder pre-trained here (the cached one's checksum differs from the bundle's)";
            }
            Files.createDirectories(staging);
            Files.copy(cached, staging.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            Path curve = trustedCache.resolve(cell.pretrainingKey() + ".curve");
            if (Files.isRegularFile(curve)) {
                Files.copy(curve, staging.resolve(curve.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
            return "encoder from the cache (checksum matches the bundle)";
        } catch (IOException | RuntimeException e) {
            return "encoder pre-trained here (the cached one is unreadable: " + e.getMessage() + ")";
        }
    }

    private static CellVerdict couldNotRun(CellKey key, String why) {
        return new CellVerdict(key.cellId(), key.label(), Verdict.COULD_NOT_RUN, why);
    }

    @Override
    public void close() {
        runner.close();
    }

    /** What must match for bit-identical results: CPU model and architecture. */
    record Platform(String cpu, String arch) {
        static Platform of(Map<String, String> environment) {
            String os = environment.getOrDefault("os", "");
            return new Platform(environment.getOrDefault("cpu", "unknown"), os.substring(os.lastIndexOf(' ') + 1));
        }

        @Override
        public String toString() {
            return cpu + " (" + arch + ")";
        }
    }
}
