package io.pretrainbench.engine.study;

/**
 * The seed of one replicate, a pure function of (study seed, case, n, replicate index), so a result does not depend on
 * how many threads ran the replicates or in which order. SplitMix64's finaliser decorrelates neighbouring inputs.
 */
final class StudySeeds {
    private StudySeeds() {}

    static long replicate(long studySeed, String caseName, int n, int replicate) {
        long h = mix(studySeed);
        h = mix(h ^ caseName.hashCode());
        h = mix(h ^ n);
        return mix(h ^ replicate);
    }

    /** The seed of an entry's limit-law Monte Carlo; replicate indices are >= 0, so -1 is free. */
    static long law(long studySeed, String caseName) {
        return replicate(studySeed, caseName, 0, -1);
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
