package io.pretrainbench.engine.verify;

import io.pretrainbench.api.finetune.Metrics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * How a re-run cell is compared with its recorded result. Cells are bit-identical on the same platform (CPU model and
 * architecture) with the same threads per cell, so there every metric and the pre-trained encoder's checksum must be
 * equal. Elsewhere floating-point sums run in other orders: accuracies must agree within {@link #TOLERANCE}, and risks
 * and encoder checksums are not compared.
 */
public record MetricComparison(boolean exact) {
    /** Largest |difference| of an accuracy accepted across platforms or thread counts. */
    public static final double TOLERANCE = 0.02;

    private static final List<Map.Entry<String, ToDoubleFunction<Metrics>>> ACCURACIES = List.of(
            Map.entry("test_accuracy", Metrics::testAccuracy),
            Map.entry("train_accuracy", Metrics::trainAccuracy),
            Map.entry("validation_accuracy", Metrics::validationAccuracy));
    private static final List<Map.Entry<String, ToDoubleFunction<Metrics>>> RISKS =
            List.of(Map.entry("test_risk", Metrics::testRisk), Map.entry("train_risk", Metrics::trainRisk));

    /** The first difference that is too large, as {@code metric: bundle X, here Y (Δ D)}; empty when they agree. */
    public Optional<String> difference(Metrics recorded, Metrics here, String recordedEncoder, String hereEncoder) {
        for (var e : ACCURACIES) {
            double a = e.getValue().applyAsDouble(recorded);
            double b = e.getValue().applyAsDouble(here);
            boolean agree = exact
                    ? Double.compare(a, b) == 0
                    : Double.isNaN(a) == Double.isNaN(b) && (Double.isNaN(a) || Math.abs(a - b) <= TOLERANCE);
            if (!agree) {
                return Optional.of(describe(e.getKey(), a, b));
            }
        }
        if (!exact) {
            return Optional.empty();
        }
        for (var e : RISKS) {
            double a = e.getValue().applyAsDouble(recorded);
            double b = e.getValue().applyAsDouble(here);
            if (Double.compare(a, b) != 0) {
                return Optional.of(describe(e.getKey(), a, b));
            }
        }
        if (recordedEncoder != null && !Objects.equals(recordedEncoder, hereEncoder)) {
            return Optional.of("encoder_checksum: bundle " + recordedEncoder + ", here " + hereEncoder);
        }
        return Optional.empty();
    }

    /** {@code identical} or {@code within 0.02 (accuracies)}, for the reports. */
    public String describe() {
        return exact ? "identical" : String.format(Locale.ROOT, "accuracies within %.2f", TOLERANCE);
    }

    private static String describe(String metric, double recorded, double here) {
        return metric + ": bundle " + recorded + ", here " + here
                + String.format(Locale.ROOT, " (Δ %+.6f)", here - recorded);
    }
}
