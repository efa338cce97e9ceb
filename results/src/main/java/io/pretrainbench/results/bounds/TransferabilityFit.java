package io.pretrainbench.results.bounds;

import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The power law Δdown = C_β·Δpre^β of Deng et al.'s transferability assumption, fitted by least squares on log Δdown =
 * log C_β + β·log Δpre, with 95% percentile intervals from a bootstrap over the points (each point one checkpoint;
 * {@link #RESAMPLES} resamples drawn with replacement from {@code java.util.Random(}{@link #SEED}{@code )}, so the
 * intervals are reproducible). A resample whose Δpre are all equal has no slope and is skipped; {@code resamples} says
 * how many counted.
 *
 * @param c C_β = exp(intercept)
 * @param beta β, the slope
 * @param r2 the coefficient of determination on the log scale
 */
public record TransferabilityFit(
        int points,
        double c,
        double cLow,
        double cHigh,
        double beta,
        double betaLow,
        double betaHigh,
        double r2,
        int resamples) {
    static final int RESAMPLES = 2000;
    static final long SEED = 42;
    /** A line needs two points with different Δpre; an interval for it needs more. */
    static final int MIN_POINTS = 3;

    /**
     * Fits Δdown = C_β·Δpre^β.
     *
     * @param deltaPre Δpre per point, every one positive
     * @param deltaDown Δdown per point, every one positive
     * @throws IllegalArgumentException for fewer than {@link #MIN_POINTS} points, a non-positive Δ, or Δpre all equal
     */
    public static TransferabilityFit fit(double[] deltaPre, double[] deltaDown) {
        if (deltaPre.length != deltaDown.length) {
            throw new IllegalArgumentException(
                    deltaPre.length + " values of Δpre but " + deltaDown.length + " of Δdown");
        }
        if (deltaPre.length < MIN_POINTS) {
            throw new IllegalArgumentException(
                    "a fit needs at least " + MIN_POINTS + " points with both Δ > 0, got " + deltaPre.length);
        }
        double[] x = logs(deltaPre, "Δpre");
        double[] y = logs(deltaDown, "Δdown");
        if (Arrays.stream(x).distinct().count() < 2) {
            throw new IllegalArgumentException("every point has the same Δpre: the slope β is undefined");
        }
        SimpleRegression line = regression(x, y, null);
        Random random = new Random(SEED);
        double[] logC = new double[RESAMPLES];
        double[] beta = new double[RESAMPLES];
        int kept = 0;
        int[] drawn = new int[x.length];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < drawn.length; i++) {
                drawn[i] = random.nextInt(x.length);
            }
            if (Arrays.stream(drawn).mapToDouble(i -> x[i]).distinct().count() < 2) {
                continue;
            }
            SimpleRegression resampled = regression(x, y, drawn);
            logC[kept] = resampled.getIntercept();
            beta[kept] = resampled.getSlope();
            kept++;
        }
        double[] cInterval = percentileInterval(Arrays.copyOf(logC, kept));
        double[] betaInterval = percentileInterval(Arrays.copyOf(beta, kept));
        return new TransferabilityFit(
                x.length,
                Math.exp(line.getIntercept()),
                Math.exp(cInterval[0]),
                Math.exp(cInterval[1]),
                line.getSlope(),
                betaInterval[0],
                betaInterval[1],
                line.getRSquare(),
                kept);
    }

    private static double[] logs(double[] values, String what) {
        double[] logs = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || Double.isInfinite(values[i])) {
                throw new IllegalArgumentException(what + " must be positive and finite, got " + values[i]);
            }
            logs[i] = Math.log(values[i]);
        }
        return logs;
    }

    /** The least-squares line through the points at {@code indices} (all points when null). */
    private static SimpleRegression regression(double[] x, double[] y, int[] indices) {
        SimpleRegression line = new SimpleRegression();
        if (indices == null) {
            for (int i = 0; i < x.length; i++) {
                line.addData(x[i], y[i]);
            }
        } else {
            for (int i : indices) {
                line.addData(x[i], y[i]);
            }
        }
        return line;
    }

    /** The 2.5% and 97.5% percentiles, taken as {@code compare}'s bootstrap takes them; NaN without resamples. */
    private static double[] percentileInterval(double[] statistics) {
        if (statistics.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] sorted = statistics.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[(int) (0.025 * sorted.length)], sorted[(int) (0.975 * sorted.length) - 1]};
    }
}
