package io.pretrainbench.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pretrainbench.results.bounds.BoundScores;
import io.pretrainbench.results.compare.Comparison;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "A method against a baseline, paired by task, budget, protocol and seeds: mean difference in test"
                    + " accuracy with a 95%% bootstrap interval (two-level when the pairs span several pre-training"
                    + " seeds), paired t-test and Wilcoxon p-values, win rate; per label-efficiency curve the area"
                    + " under it and the crossover budget, from which the difference is no longer above zero."
        })
final class CompareCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Option(
            names = "--method",
            required = true,
            description = "The method to compare, e.g. mae, or mae{mask_ratio=0.5} for one parameter set.")
    String method;

    @Option(
            names = "--baseline",
            defaultValue = "scratch",
            description = "The baseline, e.g. scratch{architecture=vit} when the store holds several. Default:"
                    + " ${DEFAULT-VALUE}.")
    String baseline;

    @Mixin
    Options.TableFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Table.Format parsed = format.parsed();
        List<StoredCell> cells;
        try (var store = ResultStores.openExisting(results.location)) {
            cells = store.cells();
        }
        List<Comparison.Row> rows = Comparison.rows(cells, method, baseline);
        if (rows.isEmpty()) {
            throw new Main.UserError("no paired cells of '" + method + "' and '" + baseline + "' in "
                    + results.location.display() + " (pairs need the same task, budget, protocol and seeds)");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Comparison.Curve> curves = Comparison.curves(rows);
        if (parsed == Table.Format.JSON) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("method", method);
            doc.put("baseline", baseline);
            doc.put("comparisons", Comparison.table(rows).jsonRows());
            doc.put("label_efficiency", Comparison.curveTable(curves).jsonRows());
            // How well each bound estimator tracks the measured gap over the same store (Kendall's tau, granulated tau,
            // holding fraction): the same section as in `leaderboard --format json`.
            doc.put("bounds", BoundScores.table(BoundScores.compute(cells)).jsonRows());
            doc.put(
                    "diagnostics",
                    BoundScores.diagnosticsTable(BoundScores.diagnostics(cells)).jsonRows());
            out.println(new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(doc));
        } else {
            out.println(
                    method + " vs " + baseline + " (difference = " + method + " - " + baseline + ", test accuracy)");
            // For people: only the settings that tell the method's variants apart, not its full parameter JSON.
            boolean forPeople = parsed != Table.Format.CSV;
            Table comparisons = forPeople ? Comparison.labelledTable(rows) : Comparison.table(rows);
            Table efficiency = forPeople ? Comparison.labelledCurveTable(curves) : Comparison.curveTable(curves);
            comparisons.write(parsed, out);
            out.println();
            efficiency.write(parsed, out);
        }
        return Main.OK;
    }
}
