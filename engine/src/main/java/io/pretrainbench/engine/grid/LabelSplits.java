package io.pretrainbench.engine.grid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A label-splits file: the labelled examples of each budget and seed, given instead of drawn, so that a grid uses the
 * same labelled examples as published semi-supervised work, or as an earlier run ({@code export-splits} writes one).
 *
 * <p>Plain text, one line per budget and seed, {@code BUDGET SEED: INDEX INDEX ...}; indices are 0-based positions in
 * the task's training pool, each listed once, exactly {@code BUDGET} of them. Blank lines and lines starting with
 * {@code #} are ignored. The order of a line matters: of each class, the first ones make the cell's validation hold-out
 * (as many as the grid's {@code validation_fraction} asks for), the rest are the training examples in that order. A
 * drawn split is written validation hold-out first, so reading it back gives the same cell.
 */
public final class LabelSplits {
    /** The budget and downstream seed a line gives the labelled examples of. */
    public record Key(int budget, long seed) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            return budget != other.budget ? Integer.compare(budget, other.budget) : Long.compare(seed, other.seed);
        }

        @Override
        public String toString() {
            return "budget " + budget + " seed " + seed;
        }
    }

    private final Path file;
    private final SortedMap<Key, int[]> lines;
    private final Map<Key, Integer> lineNumbers;

    private LabelSplits(Path file, SortedMap<Key, int[]> lines, Map<Key, Integer> lineNumbers) {
        this.file = file;
        this.lines = lines;
        this.lineNumbers = lineNumbers;
    }

    /**
     * Reads and checks a file: its syntax, each line's count against its budget, and that no index and no budget and
     * seed is listed twice.
     *
     * @throws GridException with one {@code file:line: what} line per problem
     */
    public static LabelSplits read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GridException(List.of(file + ": cannot read label splits: " + e.getMessage()));
        }
        List<String> problems = new ArrayList<>();
        SortedMap<Key, int[]> lines = new TreeMap<>();
        Map<Key, Integer> lineNumbers = new TreeMap<>();
        String[] rows = text.split("\n", -1);
        for (int n = 1; n <= rows.length; n++) {
            String row = rows[n - 1].strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            String at = file + ":" + n + ": ";
            int colon = row.indexOf(':');
            String[] head =
                    colon < 0 ? new String[0] : row.substring(0, colon).strip().split("\\s+");
            if (head.length != 2 || !head[0].matches("\\d{1,9}") || !head[1].matches("\\d{1,18}")) {
                problems.add(at + "expected 'BUDGET SEED: INDEX INDEX ...', e.g. '100 0: 5 17 23 ...'");
                continue;
            }
            Key key = new Key(Integer.parseInt(head[0]), Long.parseLong(head[1]));
            Integer first = lineNumbers.putIfAbsent(key, n);
            if (first != null) {
                problems.add(at + key + " is listed twice (first on line " + first + ")");
                continue;
            }
            String body = row.substring(colon + 1).strip();
            String[] parts = body.isEmpty() ? new String[0] : body.split("\\s+");
            int[] indices = new int[parts.length];
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < parts.length; i++) {
                if (!parts[i].matches("\\d{1,9}")) {
                    problems.add(at + "'" + parts[i] + "' is not an index (a whole number >= 0)");
                    break;
                }
                indices[i] = Integer.parseInt(parts[i]);
                if (!seen.add(indices[i])) {
                    problems.add(at + "index " + indices[i] + " is listed twice");
                    break;
                }
            }
            if (indices.length != key.budget()) {
                problems.add(at + key + " lists " + indices.length + " indices; a budget of " + key.budget() + " needs "
                        + key.budget());
            }
            lines.put(key, indices);
        }
        if (!problems.isEmpty()) {
            throw new GridException(problems);
        }
        return new LabelSplits(file, lines, lineNumbers);
    }

    /**
     * What a grid needs of this file: a line for every budget and seed, and indices inside a training pool of
     * {@code poolSize} examples; one {@code file:line: what} per problem (lines no cell uses are not checked).
     */
    public List<String> check(Collection<Integer> budgets, Collection<Long> seeds, int poolSize) {
        List<String> problems = new ArrayList<>();
        for (int budget : budgets) {
            for (long seed : seeds) {
                Key key = new Key(budget, seed);
                int[] indices = lines.get(key);
                if (indices == null) {
                    problems.add(file + ": no line for " + key + " (the grid needs one per budget and seed)");
                    continue;
                }
                for (int index : indices) {
                    if (index >= poolSize) {
                        problems.add(file + ":" + lineNumbers.get(key) + ": index " + index
                                + " is out of range: the task's training pool has " + poolSize
                                + " examples (indices 0 to " + (poolSize - 1) + ")");
                        break;
                    }
                }
            }
        }
        return problems;
    }

    /** The labelled examples of a budget and seed, in the file's order; {@link #check} said the line exists. */
    public int[] indices(int budget, long seed) {
        int[] indices = lines.get(new Key(budget, seed));
        if (indices == null) {
            throw new IllegalArgumentException(file + ": no line for " + new Key(budget, seed));
        }
        return indices.clone();
    }

    /**
     * SHA-256 of one line's budget, seed and indices in order: it enters the id of the cell that uses the line, so a
     * cell's id depends on its own labelled examples only, not on the file's other lines, comments or name.
     */
    public String checksum(int budget, long seed) {
        return sha256(line(new Key(budget, seed), indices(budget, seed)));
    }

    private static String line(Key key, int[] indices) {
        StringBuilder text = new StringBuilder()
                .append(key.budget())
                .append(' ')
                .append(key.seed())
                .append(':');
        for (int index : indices) {
            text.append(' ').append(index);
        }
        return text.toString();
    }

    /** The file's text for these lines, with a header saying what it is. */
    public static String format(SortedMap<Key, int[]> lines, String source) {
        StringBuilder text = new StringBuilder();
        text.append("# PretrainBench label splits: ").append(source).append('\n');
        text.append("# BUDGET SEED: indices into the task's training pool; of each class, the validation hold-out")
                .append(" first\n");
        lines.forEach((key, indices) -> text.append(line(key, indices)).append('\n'));
        return text.toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
