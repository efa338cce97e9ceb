package io.pretrainbench.results.bounds;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Deng et al.'s transferability constants (C_β, β), fitted over the checkpoints of one pre-training run: the definition
 * min_f R_T(f∘ĥ) − min_f R_T(f∘h*) ≤ C_β·E_U(ĥ)^β, with each checkpoint an ĥ and a reference encoder as h*.
 *
 * <p><b>What is read.</b> The cells of one method whose encoders recorded their held-out pre-training loss (the
 * methods' {@code heldout} parameter; {@code deng-bound} stores it as the component
 * {@value EncoderState#PRETRAIN_HELDOUT_LOSS}), all of one pre-training seed. An encoder is one set of method
 * parameters. The reference h* is the encoder whose parameters contain the {@code reference} settings (for example
 * {@code epochs=30}: a run longer than the checkpoints'), or without them the encoder trained for the most epochs
 * ({@code checkpoint_epoch}, else {@code epochs}). Every other encoder is a checkpoint; they must differ only in
 * {@code checkpoint_epoch}, so that the fit runs along one run.
 *
 * <p><b>What is fitted.</b> Per setting (task, protocol, budget): Δpre = the checkpoint's held-out loss − L* (the
 * reference's) and Δdown = its mean test error over the downstream seeds − R* (the reference's); the test error of a
 * probe on many labels stands for min_f R_T(f∘ĥ). Points with Δpre ≤ 0 or Δdown ≤ 0 have no logarithm and are dropped
 * (counted in {@code dropped}); {@link TransferabilityFit} fits the rest. With the reference's L* as
 * {@code pretrain_floor}, {@code deng-bound}'s transferability term C_β·(L − L*)^β is then the fitted excess risk over
 * h*.
 */
public final class Transferability {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHECKPOINT_EPOCH = "checkpoint_epoch";
    private static final String EPOCHS = "epochs";

    /** The downstream setting a fit is for. */
    public record Setting(String task, String protocol, int budget) {}

    /** One encoder in one setting. */
    public record Point(
            Setting setting,
            int trainedEpochs,
            double heldoutLoss,
            double testError,
            double deltaPre,
            double deltaDown,
            boolean used) {}

    /**
     * One setting's fit.
     *
     * @param fit absent when fewer than {@link TransferabilityFit#MIN_POINTS} points have both Δ positive
     */
    public record Fit(
            Setting setting,
            int checkpoints,
            int dropped,
            double referenceLoss,
            double referenceError,
            Optional<TransferabilityFit> fit) {
        /** The deng-bound parameters that carry this fit, as a YAML flow map; empty without a fit. */
        public String dengBoundParams() {
            return fit.map(f -> "{transfer_c: " + f.c() + ", transfer_beta: " + f.beta() + ", pretrain_floor: "
                            + referenceLoss + ", pretrain_loss: heldout}")
                    .orElse("");
        }
    }

    /** The fits, per setting, and every point. */
    public record Analysis(String reference, List<Fit> fits, List<Point> points) {}

    private record Encoder(Map<String, String> params, double heldoutLoss, Map<Setting, List<Double>> errors) {
        int trainedEpochs() {
            int checkpoint = Integer.parseInt(params.getOrDefault(CHECKPOINT_EPOCH, "0"));
            return checkpoint > 0 ? checkpoint : Integer.parseInt(params.get(EPOCHS));
        }
    }

    private Transferability() {}

    /**
     * @param reference settings that name the reference encoder (empty: the longest-trained encoder)
     * @throws IllegalArgumentException with one line saying what is missing or ambiguous
     */
    public static Analysis analyse(List<StoredCell> cells, String method, Map<String, String> reference) {
        Map<String, Encoder> encoders = encoders(cells, method);
        Map<String, Encoder> references = new LinkedHashMap<>();
        if (reference.isEmpty()) {
            int longest = encoders.values().stream()
                    .mapToInt(Encoder::trainedEpochs)
                    .max()
                    .orElseThrow();
            encoders.forEach((key, e) -> {
                if (e.trainedEpochs() == longest) {
                    references.put(key, e);
                }
            });
        } else {
            encoders.forEach((key, e) -> {
                if (reference.entrySet().stream()
                        .allMatch(r -> r.getValue().equals(e.params().get(r.getKey())))) {
                    references.put(key, e);
                }
            });
        }
        if (references.size() != 1) {
            throw new IllegalArgumentException((references.isEmpty() ? "no" : references.size()) + " encoders of '"
                    + method + "' match the reference " + (reference.isEmpty() ? "(longest-trained)" : reference)
                    + "; it must name one. Encoders: " + encoders.keySet());
        }
        String referenceParams = references.keySet().iterator().next();
        Encoder ref = references.get(referenceParams);
        Map<String, Encoder> checkpoints = new LinkedHashMap<>(encoders);
        checkpoints.keySet().removeAll(references.keySet());
        Set<Map<String, String>> runs = new HashSet<>();
        checkpoints.values().forEach(e -> {
            Map<String, String> run = new TreeMap<>(e.params());
            run.remove(CHECKPOINT_EPOCH);
            runs.add(run);
        });
        if (runs.size() > 1) {
            throw new IllegalArgumentException("the checkpoints of '" + method
                    + "' must differ only in checkpoint_epoch, but they come from " + runs.size() + " runs: " + runs
                    + "; name the extra ones with --reference or keep them in another store");
        }

        List<Fit> fits = new ArrayList<>();
        List<Point> points = new ArrayList<>();
        Map<Setting, List<Point>> bySetting = new TreeMap<>(Comparator.comparing(Setting::task)
                .thenComparing(Setting::protocol)
                .thenComparingInt(Setting::budget));
        ref.errors().forEach((setting, referenceErrors) -> {
            double referenceError = mean(referenceErrors);
            checkpoints.values().forEach(e -> {
                List<Double> errors = e.errors().get(setting);
                if (errors == null) {
                    return;
                }
                double deltaPre = e.heldoutLoss() - ref.heldoutLoss();
                double deltaDown = mean(errors) - referenceError;
                bySetting
                        .computeIfAbsent(setting, s -> new ArrayList<>())
                        .add(new Point(
                                setting,
                                e.trainedEpochs(),
                                e.heldoutLoss(),
                                mean(errors),
                                deltaPre,
                                deltaDown,
                                deltaPre > 0 && deltaDown > 0));
            });
        });
        bySetting.forEach((setting, settingPoints) -> {
            settingPoints.sort(Comparator.comparingInt(Point::trainedEpochs));
            points.addAll(settingPoints);
            List<Point> used = settingPoints.stream().filter(Point::used).toList();
            Optional<TransferabilityFit> fit = used.size() < TransferabilityFit.MIN_POINTS
                    ? Optional.empty()
                    : Optional.of(TransferabilityFit.fit(
                            used.stream().mapToDouble(Point::deltaPre).toArray(),
                            used.stream().mapToDouble(Point::deltaDown).toArray()));
            fits.add(new Fit(
                    setting,
                    settingPoints.size(),
                    settingPoints.size() - used.size(),
                    ref.heldoutLoss(),
                    mean(ref.errors().get(setting)),
                    fit));
        });
        return new Analysis(referenceParams, fits, points);
    }

    /** The method's succeeded cells that know their encoder's held-out loss, by the encoder's parameters. */
    private static Map<String, Encoder> encoders(List<StoredCell> cells, String method) {
        Map<String, Encoder> encoders = new LinkedHashMap<>();
        Set<String> methods = new TreeSet<>();
        Set<Long> pretrainSeeds = new TreeSet<>();
        boolean any = false;
        for (StoredCell cell : cells) {
            methods.add(cell.key().method());
            if (cell.status() != CellStatus.SUCCEEDED || !cell.key().method().equals(method)) {
                continue;
            }
            any = true;
            Optional<Double> heldout = cell.bounds().values().stream()
                    .map(BoundEstimate::components)
                    .filter(c -> c.containsKey(EncoderState.PRETRAIN_HELDOUT_LOSS))
                    .map(c -> c.get(EncoderState.PRETRAIN_HELDOUT_LOSS))
                    .findFirst();
            if (heldout.isEmpty()) {
                continue;
            }
            pretrainSeeds.add(cell.key().pretrainSeed());
            Encoder encoder = encoders.computeIfAbsent(
                    cell.key().methodParams(),
                    k -> new Encoder(params(k), heldout.orElseThrow(), new LinkedHashMap<>()));
            encoder.errors()
                    .computeIfAbsent(
                            new Setting(
                                    cell.key().task(),
                                    cell.key().protocol(),
                                    cell.key().budget()),
                            s -> new ArrayList<>())
                    .add(1 - cell.metrics().orElseThrow().testAccuracy());
        }
        if (!any) {
            throw new IllegalArgumentException(
                    "no succeeded cell of method '" + method + "' in the store; its methods: " + methods);
        }
        if (encoders.isEmpty()) {
            throw new IllegalArgumentException("no cell of method '" + method + "' records "
                    + EncoderState.PRETRAIN_HELDOUT_LOSS + ": pre-train it with heldout > 0 and list deng-bound among"
                    + " the grid's estimators");
        }
        if (pretrainSeeds.size() > 1) {
            throw new IllegalArgumentException("the cells of '" + method + "' span pre-training seeds " + pretrainSeeds
                    + "; a fit follows one run: keep one pre-training seed per store");
        }
        for (Encoder e : encoders.values()) {
            if (!e.params().containsKey(EPOCHS)) {
                throw new IllegalArgumentException(
                        "method '" + method + "' has no 'epochs' parameter: its checkpoints cannot be ordered");
            }
        }
        return encoders;
    }

    private static Map<String, String> params(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored method parameters are not JSON: " + json, e);
        }
        Map<String, String> params = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            params.put(field.getKey(), field.getValue().asText());
        }
        return params;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /**
     * Columns {@code task, protocol, budget, checkpoints, dropped, c, c_low, c_high, beta, beta_low, beta_high, r2,
     * resamples, reference_heldout_loss, reference_test_error, deng_bound_params}; a setting without a fit has empty
     * fit columns.
     */
    public static Table fitsTable(Analysis analysis) {
        Table table = new Table(List.of(
                "task",
                "protocol",
                "budget",
                "checkpoints",
                "dropped",
                "c",
                "c_low",
                "c_high",
                "beta",
                "beta_low",
                "beta_high",
                "r2",
                "resamples",
                "reference_heldout_loss",
                "reference_test_error",
                "deng_bound_params"));
        for (Fit f : analysis.fits()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", f.setting().task());
            row.put("protocol", f.setting().protocol());
            row.put("budget", f.setting().budget());
            row.put("checkpoints", f.checkpoints());
            row.put("dropped", f.dropped());
            f.fit().ifPresent(fit -> {
                row.put("c", fit.c());
                row.put("c_low", fit.cLow());
                row.put("c_high", fit.cHigh());
                row.put("beta", fit.beta());
                row.put("beta_low", fit.betaLow());
                row.put("beta_high", fit.betaHigh());
                row.put("r2", fit.r2());
                row.put("resamples", fit.resamples());
            });
            row.put("reference_heldout_loss", f.referenceLoss());
            row.put("reference_test_error", f.referenceError());
            row.put("deng_bound_params", f.dengBoundParams());
            table.add(row);
        }
        return table;
    }

    /**
     * Columns {@code task, protocol, budget, trained_epochs, heldout_loss, test_error, delta_pre, delta_down, used}.
     */
    public static Table pointsTable(Analysis analysis) {
        Table table = new Table(List.of(
                "task",
                "protocol",
                "budget",
                "trained_epochs",
                "heldout_loss",
                "test_error",
                "delta_pre",
                "delta_down",
                "used"));
        for (Point p : analysis.points()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("task", p.setting().task());
            row.put("protocol", p.setting().protocol());
            row.put("budget", p.setting().budget());
            row.put("trained_epochs", p.trainedEpochs());
            row.put("heldout_loss", p.heldoutLoss());
            row.put("test_error", p.testError());
            row.put("delta_pre", p.deltaPre());
            row.put("delta_down", p.deltaDown());
            row.put("used", p.used());
            table.add(row);
        }
        return table;
    }
}
