package io.pretrainbench.engine.grid;

import io.pretrainbench.results.store.CellKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expands a grid into its cells: corpora × methods × pre-training seeds × tasks × budgets × protocols × seeds, every
 * cell evaluated by all estimators.
 *
 * <p>A cell's id hashes its canonical configuration — plugin names and versions, parameters with defaults filled in and
 * keys sorted, data checksums, seeds, budget — so it does not depend on the order in which the grid file lists things,
 * and a changed plugin version or data file makes a new cell rather than silently reusing an old result. A cell whose
 * labelled examples a {@link LabelSplits} file gives also hashes them.
 */
public final class GridExpander {
    /** Length of the hex ids shown to users; 64 bits keeps collisions out of reach for any realistic grid. */
    private static final int ID_LENGTH = 16;

    private GridExpander() {}

    /** The cells, ordered so that cells sharing a pre-trained encoder run next to each other. */
    public static List<Cell> expand(GridSpec grid) {
        List<Cell> cells = new ArrayList<>();
        Map<String, String> estimators = new TreeMap<>();
        grid.estimators().forEach(e -> estimators.put(e.name(), e.version() + e.paramsJson()));
        String estimatorsCanonical = grid.estimators().stream()
                .map(PluginChoice::canonical)
                .sorted()
                .toList()
                .toString();
        for (PluginChoice corpus : grid.corpora()) {
            for (PluginChoice method : grid.methods()) {
                for (long pretrainSeed : grid.pretrainSeeds()) {
                    String pretrainingKey = hash("corpus=" + corpus.canonical() + "\nmethod=" + method.canonical()
                            + "\npretrain_seed=" + pretrainSeed);
                    for (PluginChoice task : grid.tasks()) {
                        LabelSplits splits = grid.labelSplits().get(task);
                        for (int budget : grid.budgets()) {
                            for (PluginChoice protocol : grid.protocols()) {
                                for (long seed : grid.seeds()) {
                                    String canonical = "pretraining=" + pretrainingKey + "\ntask=" + task.canonical()
                                            + "\nbudget=" + budget
                                            + "\nprotocol=" + protocol.canonical() + "\nseed=" + seed
                                            + "\nvalidation_fraction="
                                            + grid.validationFraction() + "\nestimators=" + estimatorsCanonical
                                            + (splits == null ? "" : "\nlabel_split=" + splits.checksum(budget, seed));
                                    Map<String, String> versions = new TreeMap<>();
                                    for (PluginChoice p : List.of(corpus, method, task, protocol)) {
                                        versions.put(p.kind().id() + ":" + p.name(), p.version());
                                    }
                                    grid.estimators()
                                            .forEach(e -> versions.put(e.kind().id() + ":" + e.name(), e.version()));
                                    CellKey key = new CellKey(
                                            hash(canonical),
                                            method.name(),
                                            method.paramsJson(),
                                            corpus.name(),
                                            corpus.paramsJson(),
                                            pretrainSeed,
                                            task.name(),
                                            task.paramsJson(),
                                            budget,
                                            protocol.name(),
                                            protocol.paramsJson(),
                                            seed,
                                            estimators,
                                            versions,
                                            hash(corpus.dataChecksum() + "/" + task.dataChecksum()));
                                    cells.add(new Cell(
                                            key,
                                            pretrainingKey,
                                            corpus,
                                            method,
                                            pretrainSeed,
                                            task,
                                            budget,
                                            protocol,
                                            seed,
                                            grid.estimators(),
                                            grid.validationFraction(),
                                            splits));
                                }
                            }
                        }
                    }
                }
            }
        }
        cells.sort(Comparator.comparing(Cell::pretrainingKey).thenComparing(Cell::id));
        return cells;
    }

    /** Identity of the whole experiment: the same set of cells gives the same hash, whatever the file's layout. */
    public static String gridHash(List<Cell> cells) {
        return hash(String.join("\n", cells.stream().map(Cell::id).sorted().toList()));
    }

    static String hash(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, ID_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
