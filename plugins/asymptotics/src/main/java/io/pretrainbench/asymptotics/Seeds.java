package io.pretrainbench.asymptotics;

/**
 * SplitMix64's finaliser, which derives the seeds of a case's one-off draws (the Gaussian mixture's shared test sample
 * and Fisher Monte Carlo) from the study seed, decorrelating them from each other and from the replicates.
 */
final class Seeds {
    private Seeds() {}

    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
