package io.pretrainbench.results.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.finetune.Metrics;
import io.pretrainbench.results.store.CanonicalJson;
import io.pretrainbench.results.store.CellKey;
import io.pretrainbench.results.store.CellOutcome;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.RunInfo;
import io.pretrainbench.results.store.StoredCell;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A submission bundle: every run (grid text, environment, code version) and every cell (keys, plugin versions, metrics,
 * bounds, curves) of a store, as one JSON file whose {@code content} is protected by a SHA-256 over its canonical form
 * (keys sorted, numbers as Java prints doubles, which round-trip exactly). Reading validates the format, the hash, the
 * SPI version and every record before anything is merged, so a tampered or malformed bundle changes nothing.
 *
 * <p>The hash catches accidents, not forgeries: whoever changes a number can recompute it. A signed bundle (format
 * version 2) also carries an Ed25519 {@link BundleSignature} over the same canonical bytes and the signer's public key;
 * a bad signature is refused like a bad hash. Version 1 bundles (never signed) are still read.
 */
public final class Bundle {
    static final String FORMAT = "pretrainbench-bundle";
    static final int FORMAT_VERSION = 2;
    /** Version 1 is version 2 without the optional {@code signature}. */
    private static final java.util.Set<Integer> READABLE_VERSIONS = java.util.Set.of(1, 2);

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a valid bundle holds.
     *
     * @param signature the verified signature, or empty for an unsigned bundle
     */
    public record Contents(
            List<RunInfo> runs, List<CellResult> cells, String contentHash, Optional<BundleSignature> signature) {}

    private Bundle() {}

    /** Writes the whole store as an unsigned bundle; returns the content hash. */
    public static String write(ResultStore store, Path file) throws IOException {
        return write(store, file, Optional.empty());
    }

    /** Writes the whole store as a bundle signed with {@code key}; returns the content hash. */
    public static String writeSigned(ResultStore store, Path file, SigningKey key) throws IOException {
        return write(store, file, Optional.of(key));
    }

    private static String write(ResultStore store, Path file, Optional<SigningKey> key) throws IOException {
        Map<String, Object> content = new TreeMap<>();
        content.put("created_at", Instant.now().toString());
        List<Object> runs = new ArrayList<>();
        for (RunInfo run : store.runs()) {
            Map<String, Object> r = new TreeMap<>();
            r.put("run_id", run.runId());
            r.put("grid_name", run.gridName());
            r.put("grid_hash", run.gridHash());
            r.put("grid_source", run.gridSource());
            r.put("started_at", run.startedAt().toString());
            r.put("environment", new TreeMap<>(run.environment()));
            runs.add(r);
        }
        content.put("runs", runs);
        List<Object> cells = new ArrayList<>();
        for (StoredCell cell : store.cells()) {
            cells.add(cellToMap(cell, store.curves(cell.key().cellId())));
        }
        content.put("cells", cells);
        String hash = hash(content);
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("format", FORMAT);
        bundle.put("format_version", FORMAT_VERSION);
        bundle.put("spi_version", SpiVersion.CURRENT);
        bundle.put("content_sha256", hash);
        key.ifPresent(k -> bundle.put(
                "signature", BundleSignature.sign(k, canonical(content)).toJson()));
        bundle.put("content", content);
        Files.writeString(file, CanonicalJson.write(bundle));
        return hash;
    }

    /**
     * Reads and validates a bundle.
     *
     * @throws IllegalArgumentException naming the file and what is wrong (format, hash, SPI version, a record's field)
     */
    public static Contents read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("bundle " + file + " is not readable JSON: " + e.getMessage(), e);
        }
        String where = "bundle " + file + ": ";
        if (root == null || !FORMAT.equals(text(root, "format", where))) {
            throw new IllegalArgumentException(
                    where + "not a PretrainBench bundle (field 'format' must be '" + FORMAT + "')");
        }
        if (!READABLE_VERSIONS.contains(root.path("format_version").asInt(-1))) {
            throw new IllegalArgumentException(where + "format_version " + root.path("format_version")
                    + " is not supported" + " (this host reads " + new java.util.TreeSet<>(READABLE_VERSIONS) + ")");
        }
        String spi = text(root, "spi_version", where);
        if (!SpiVersion.isCompatible(spi, SpiVersion.CURRENT) && !SpiVersion.isCompatible(SpiVersion.CURRENT, spi)) {
            throw new IllegalArgumentException(
                    where + "made with SPI " + spi + ", this host has SPI " + SpiVersion.CURRENT);
        }
        JsonNode content = root.get("content");
        if (content == null || !content.isObject()) {
            throw new IllegalArgumentException(where + "has no 'content' object");
        }
        String expected = text(root, "content_sha256", where);
        byte[] canonical = canonical(JSON.convertValue(content, Object.class));
        String actual = sha256(canonical);
        if (!expected.equals(actual)) {
            throw new IllegalArgumentException(where + "content hash mismatch (expected " + expected
                    + ", content hashes to " + actual + "): the bundle was modified or damaged; nothing was imported");
        }
        Optional<BundleSignature> signature = signature(root.get("signature"), where);
        if (signature.isPresent() && !signature.get().verifies(canonical)) {
            throw new IllegalArgumentException(where + "bad signature: the content is not what the key "
                    + signature.get().fingerprint() + " signed; the bundle was modified; nothing was imported");
        }
        List<RunInfo> runs = new ArrayList<>();
        for (JsonNode r : array(content, "runs", where)) {
            Map<String, String> env = new TreeMap<>();
            r.path("environment")
                    .fields()
                    .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
            runs.add(new RunInfo(
                    text(r, "run_id", where),
                    text(r, "grid_name", where),
                    text(r, "grid_hash", where),
                    text(r, "grid_source", where),
                    Instant.parse(text(r, "started_at", where)),
                    env));
        }
        List<CellResult> cells = new ArrayList<>();
        int i = 0;
        for (JsonNode c : array(content, "cells", where)) {
            cells.add(cellFromJson(c, where + "cells[" + i++ + "]."));
        }
        return new Contents(runs, cells, actual, signature);
    }

    private static Optional<BundleSignature> signature(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        String at = where + "signature: ";
        if (!SigningKey.ALGORITHM.equals(text(node, "algorithm", at))) {
            throw new IllegalArgumentException(at + "algorithm must be '" + SigningKey.ALGORITHM + "', got '"
                    + node.get("algorithm").asText() + "'");
        }
        try {
            return Optional.of(new BundleSignature(
                    java.util.Base64.getDecoder().decode(text(node, "public_key", at)),
                    java.util.Base64.getDecoder().decode(text(node, "value", at))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at + "public_key and value must be base64: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> cellToMap(StoredCell cell, Map<String, List<Double>> curves) {
        CellKey k = cell.key();
        Map<String, Object> c = new TreeMap<>();
        c.put("cell_id", k.cellId());
        c.put("run_id", cell.runId());
        c.put("method", k.method());
        c.put("method_params", k.methodParams());
        c.put("corpus", k.corpus());
        c.put("corpus_params", k.corpusParams());
        c.put("pretrain_seed", k.pretrainSeed());
        c.put("task", k.task());
        c.put("task_params", k.taskParams());
        c.put("budget", k.budget());
        c.put("protocol", k.protocol());
        c.put("protocol_params", k.protocolParams());
        c.put("seed", k.seed());
        c.put("estimators", new TreeMap<>(k.estimators()));
        c.put("plugin_versions", new TreeMap<>(k.pluginVersions()));
        c.put("data_checksum", k.dataChecksum());
        c.put("status", cell.status().name());
        c.put("error", cell.outcome().error());
        c.put("wall_seconds", cell.outcome().wallSeconds());
        c.put("cpu_seconds", cell.outcome().cpuSeconds());
        c.put("peak_memory_bytes", cell.outcome().peakMemoryBytes());
        c.put("encoder_checksum", cell.outcome().encoderChecksum());
        cell.metrics().ifPresent(m -> {
            Map<String, Object> metrics = new TreeMap<>();
            metrics.put("train_accuracy", m.trainAccuracy());
            metrics.put("test_accuracy", m.testAccuracy());
            metrics.put("train_risk", finiteOrNull(m.trainRisk()));
            metrics.put("test_risk", finiteOrNull(m.testRisk()));
            metrics.put("validation_accuracy", finiteOrNull(m.validationAccuracy()));
            c.put("metrics", metrics);
        });
        Map<String, Object> bounds = new TreeMap<>();
        cell.bounds()
                .forEach((name, e) ->
                        bounds.put(name, Map.of("value", e.value(), "components", new TreeMap<>(e.components()))));
        c.put("bounds", bounds);
        c.put("bound_errors", new TreeMap<>(cell.boundErrors()));
        if (!cell.diagnostics().isEmpty()) { // absent when every estimator is a bound: older bundles read the same
            c.put("diagnostics", new TreeSet<>(cell.diagnostics()));
        }
        c.put("curves", new TreeMap<>(curves));
        return c;
    }

    private static CellResult cellFromJson(JsonNode c, String where) {
        Map<String, String> versions = stringMap(c, "plugin_versions", where);
        if (versions.isEmpty() || !versions.keySet().stream().allMatch(k -> k.matches("[a-z]+:[a-z0-9-]+"))) {
            throw new IllegalArgumentException(
                    where + "plugin_versions must map 'kind:name' to a version, got " + versions);
        }
        CellKey key = new CellKey(
                text(c, "cell_id", where),
                text(c, "method", where),
                text(c, "method_params", where),
                text(c, "corpus", where),
                text(c, "corpus_params", where),
                number(c, "pretrain_seed", where).longValue(),
                text(c, "task", where),
                text(c, "task_params", where),
                number(c, "budget", where).intValue(),
                text(c, "protocol", where),
                text(c, "protocol_params", where),
                number(c, "seed", where).longValue(),
                stringMap(c, "estimators", where),
                versions,
                text(c, "data_checksum", where));
        CellStatus status;
        try {
            status = CellStatus.valueOf(text(c, "status", where));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "status must be one of SUCCEEDED, FAILED");
        }
        Optional<Metrics> metrics = Optional.empty();
        JsonNode m = c.get("metrics");
        if (m != null && !m.isNull()) {
            metrics = Optional.of(new Metrics(
                    number(m, "train_accuracy", where).doubleValue(),
                    number(m, "test_accuracy", where).doubleValue(),
                    nanIfNull(m, "train_risk"),
                    nanIfNull(m, "test_risk"),
                    nanIfNull(m, "validation_accuracy")));
        }
        Map<String, BoundEstimate> bounds = new TreeMap<>();
        c.path("bounds").fields().forEachRemaining(e -> {
            Map<String, Double> components = new TreeMap<>();
            e.getValue()
                    .path("components")
                    .fields()
                    .forEachRemaining(
                            x -> components.put(x.getKey(), x.getValue().asDouble()));
            bounds.put(
                    e.getKey(),
                    new BoundEstimate(number(e.getValue(), "value", where).doubleValue(), components));
        });
        Map<String, List<Double>> curves = new TreeMap<>();
        c.path("curves").fields().forEachRemaining(e -> {
            List<Double> losses = new ArrayList<>();
            e.getValue().forEach(v -> losses.add(v.asDouble()));
            curves.put(e.getKey(), losses);
        });
        Set<String> diagnostics = new TreeSet<>();
        c.path("diagnostics").forEach(d -> diagnostics.add(d.asText()));
        JsonNode error = c.get("error");
        JsonNode encoder = c.get("encoder_checksum");
        try {
            return new CellResult(
                    key,
                    text(c, "run_id", where),
                    new CellOutcome(
                            status,
                            error == null || error.isNull() ? null : error.asText(),
                            number(c, "wall_seconds", where).doubleValue(),
                            number(c, "cpu_seconds", where).doubleValue(),
                            number(c, "peak_memory_bytes", where).longValue(),
                            encoder == null || encoder.isNull() ? null : encoder.asText(),
                            metrics,
                            bounds,
                            stringMap(c, "bound_errors", where),
                            diagnostics),
                    curves);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
    }

    private static String hash(Object content) {
        return sha256(canonical(content));
    }

    /** The bytes that are hashed and signed: keys sorted, numbers as Java prints them. */
    private static byte[] canonical(Object content) {
        return CanonicalJson.bytes(content);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + "field '" + field + "' must be a string");
        }
        return v.asText();
    }

    private static Number number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException(where + "field '" + field + "' must be a number");
        }
        return v.numberValue();
    }

    private static double nanIfNull(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? Double.NaN : v.asDouble();
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Map<String, String> stringMap(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new IllegalArgumentException(where + "field '" + field + "' must be an object");
        }
        Map<String, String> out = new TreeMap<>();
        v.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static Iterable<JsonNode> array(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(where + "field '" + field + "' must be an array");
        }
        Iterator<JsonNode> it = v.elements();
        return () -> it;
    }
}
