package io.pretrainbench.engine.study;

/**
 * One n of an entry with {@code label_noise: averaged}: each replicate's noise-averaged n (R - sigma^2) and its parts,
 * compared in distribution with the limit law (the paper's Figures 3-4).
 *
 * @param total n (R - sigma^2) per replicate, by replicate index
 * @param pretraining n times the pre-training part per replicate
 * @param variance n times the variance part per replicate
 * @param law the limit law's draws (shared by every n of the entry)
 * @param ksTotal Kolmogorov distance of {@code total} from sigma^2 d_eff + alpha^-1 ||L(Z)||^2
 * @param ksPretraining Kolmogorov distance of {@code pretraining} from alpha^-1 ||L(Z)||^2
 * @param varianceOff the fraction of replicates whose variance part is off sigma^2 d_eff by more than
 *     {@link #VARIANCE_TOLERANCE} relative
 */
public record Distribution(
        double[] total,
        double[] pretraining,
        double[] variance,
        LimitLaw law,
        double ksTotal,
        double ksPretraining,
        double varianceOff) {
    /** The paper's concentration check of the variance part: deviations above 5% of sigma^2 d_eff. */
    public static final double VARIANCE_TOLERANCE = 0.05;

    static Distribution of(double[] total, double[] pretraining, double[] variance, LimitLaw law, double limit) {
        int off = 0;
        for (double v : variance) {
            if (Math.abs(v - limit) > VARIANCE_TOLERANCE * limit) {
                off++;
            }
        }
        return new Distribution(
                total,
                pretraining,
                variance,
                law,
                Kolmogorov.distance(total, law.total()),
                Kolmogorov.distance(pretraining, law.pretraining()),
                (double) off / variance.length);
    }

    public double meanPretraining() {
        return mean(pretraining);
    }

    public double meanVariance() {
        return mean(variance);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
