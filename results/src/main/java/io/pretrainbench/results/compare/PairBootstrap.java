package io.pretrainbench.results.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Bootstrap resamples of paired cells, each pair named by its (pre-training seed, downstream seed). With one
 * pre-training seed a resample draws as many pairs as there are, with replacement (one level). With several, it draws
 * as many pre-training seeds as there are, with replacement, then within each drawn pre-training seed as many of its
 * pairs as it has, with replacement (two levels, Davison and Hinkley 1997, section 3.8): another pre-training run is
 * another draw of the encoder, and a one-level resample of the pairs would treat the few pre-training runs as fixed.
 * The two-level interval counts the downstream variation once within each drawn run and again through the spread of the
 * runs' means, so it errs wide; with three pre-training seeds its upper level has only ten distinct multisets.
 *
 * <p>The draws come from {@code java.util.Random(42)}, so reports are reproducible, and the one-level draws are those
 * of the bootstrap {@code compare} has always used: stores with one pre-training seed keep their intervals to the bit.
 */
final class PairBootstrap {
    static final int RESAMPLES = 10_000;
    private static final long SEED = 42;

    /** A pair's name: the seeds both cells share. */
    record Seeds(long pretrainSeed, long seed) {}

    private final int size;
    /** Indices into the pairs, one array per pre-training seed in ascending order. */
    private final int[][] groups;

    /** @param pairs the pairs in the order the draws index them */
    PairBootstrap(List<Seeds> pairs) {
        this.size = pairs.size();
        TreeMap<Long, List<Integer>> byPretrainSeed = new TreeMap<>();
        for (int i = 0; i < pairs.size(); i++) {
            byPretrainSeed
                    .computeIfAbsent(pairs.get(i).pretrainSeed(), s -> new ArrayList<>())
                    .add(i);
        }
        this.groups = byPretrainSeed.values().stream()
                .map(g -> g.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
    }

    /** Whether the pairs span more than one pre-training seed, so that resamples have two levels. */
    boolean twoLevel() {
        return groups.length > 1;
    }

    /** The number of pre-training seeds among the pairs. */
    int pretrainSeeds() {
        return groups.length;
    }

    /**
     * {@link #RESAMPLES} resamples, each the indices of the pairs it drew, repeats included. Two-level resamples can
     * differ in length when the pre-training seeds have different numbers of pairs (failed cells).
     */
    int[][] draws() {
        Random random = new Random(SEED);
        int[][] draws = new int[RESAMPLES][];
        for (int r = 0; r < RESAMPLES; r++) {
            draws[r] = twoLevel() ? twoLevelDraw(random) : oneLevelDraw(random);
        }
        return draws;
    }

    private int[] oneLevelDraw(Random random) {
        int[] drawn = new int[size];
        for (int i = 0; i < size; i++) {
            drawn[i] = random.nextInt(size);
        }
        return drawn;
    }

    private int[] twoLevelDraw(Random random) {
        int[][] chosen = new int[groups.length][];
        int length = 0;
        for (int g = 0; g < groups.length; g++) {
            chosen[g] = groups[random.nextInt(groups.length)];
            length += chosen[g].length;
        }
        int[] drawn = new int[length];
        int at = 0;
        for (int[] group : chosen) {
            for (int i = 0; i < group.length; i++) {
                drawn[at++] = group[random.nextInt(group.length)];
            }
        }
        return drawn;
    }

    /** The 2.5% and 97.5% percentiles of resampled statistics, as {@code compare} has always taken them. */
    static double[] percentileInterval(double[] statistics) {
        double[] sorted = statistics.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[(int) (0.025 * sorted.length)], sorted[(int) (0.975 * sorted.length) - 1]};
    }
}
