package io.pretrainbench.results.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code verify} found when it re-ran a sample of a bundle's cells, kept beside the bundle as
 * {@code BUNDLE.verified.json} so that a leaderboard site can show it. It names the content hash it checked: a sidecar
 * of another version of the bundle is ignored.
 *
 * @param contentHash the verified bundle's content hash
 * @param verifiedAt when
 * @param platform where the cells were re-run (CPU, OS), for the reader to judge the comparison
 * @param cells one verdict per re-run cell
 */
public record Verification(String contentHash, Instant verifiedAt, String platform, List<CellVerdict> cells) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Verification {
        cells = List.copyOf(cells);
    }

    /** The outcome of re-running one cell. */
    public enum Verdict {
        /** Same metrics: identical on the same platform and threads per cell, else within the stated tolerance. */
        REPRODUCED,
        /** A metric differs by more than the comparison allows. */
        DIVERGED,
        /**
         * Not comparable here: a plugin missing or at another version, data missing or different, or the cell failed.
         */
        COULD_NOT_RUN;

        /** How it is printed: {@code reproduced}, {@code diverged}, {@code could not run}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * @param cellId the cell's id
     * @param label the cell's short label ({@code method/task/m=.../protocol/seed=...})
     * @param detail what was compared and how, which metric diverged with both values, or why it could not run
     */
    public record CellVerdict(String cellId, String label, Verdict verdict, String detail) {}

    public long count(Verdict verdict) {
        return cells.stream().filter(c -> c.verdict() == verdict).count();
    }

    /** The sidecar of a bundle: {@code BUNDLE.verified.json}. */
    public static Path sidecar(Path bundle) {
        return bundle.resolveSibling(bundle.getFileName() + ".verified.json");
    }

    public void write(Path file) throws IOException {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("content_sha256", contentHash);
        doc.put("verified_at", verifiedAt.toString());
        doc.put("platform", platform);
        List<Object> list = new ArrayList<>();
        for (CellVerdict c : cells) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("cell_id", c.cellId());
            m.put("label", c.label());
            m.put("verdict", c.verdict().name());
            m.put("detail", c.detail());
            list.add(m);
        }
        doc.put("cells", list);
        Files.writeString(file, JSON.writeValueAsString(doc) + "\n");
    }

    /**
     * The verification recorded beside {@code bundle} for the content hash {@code contentHash}; empty when there is
     * none, or when it is of other content (the bundle changed since it was verified).
     *
     * @throws IllegalArgumentException naming the sidecar when it is malformed
     */
    public static Optional<Verification> readFor(Path bundle, String contentHash) {
        Path file = sidecar(bundle);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode doc = JSON.readTree(file.toFile());
            if (!contentHash.equals(doc.path("content_sha256").asText())) {
                return Optional.empty();
            }
            List<CellVerdict> cells = new ArrayList<>();
            for (JsonNode c : doc.path("cells")) {
                cells.add(new CellVerdict(
                        c.path("cell_id").asText(),
                        c.path("label").asText(),
                        Verdict.valueOf(c.path("verdict").asText()),
                        c.path("detail").asText()));
            }
            return Optional.of(new Verification(
                    contentHash,
                    Instant.parse(doc.path("verified_at").asText()),
                    doc.path("platform").asText(),
                    cells));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(
                    "verification record " + file + " is malformed (" + e.getMessage()
                            + "); delete it or run verify --record again",
                    e);
        }
    }
}
