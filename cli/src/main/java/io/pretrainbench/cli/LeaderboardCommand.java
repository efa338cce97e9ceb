package io.pretrainbench.cli;

import io.pretrainbench.results.leaderboard.Leaderboard;
import io.pretrainbench.results.leaderboard.LeaderboardFilter;
import io.pretrainbench.results.leaderboard.RankedMetric;
import io.pretrainbench.results.store.ResultStores;
import io.pretrainbench.results.table.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "leaderboard",
        mixinStandardHelpOptions = true,
        description = {
            "Per task, budget, protocol and method: the mean of a metric (test accuracy by default) with a 95%%"
                    + " confidence interval over seeds and a rank (methods whose intervals overlap share a rank,"
                    + " marked '=')."
        })
final class LeaderboardCommand implements Callable<Integer> {
    @Mixin
    Options.Results results;

    @Option(
            names = "--format",
            defaultValue = "table",
            paramLabel = "FORMAT",
            description = "table, markdown, csv or json (an object: metric, rows, and bounds: Kendall's tau, granulated"
                    + " tau and holding fraction per bound estimator over the same cells). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--task", description = "Only this task.")
    String task;

    @Option(names = "--budget", description = "Only this label budget.")
    Integer budget;

    @Option(names = "--protocol", description = "Only this fine-tuning protocol.")
    String protocol;

    @Option(
            names = "--metric",
            defaultValue = "test_accuracy",
            paramLabel = "METRIC",
            description = "What to rank by: test_accuracy (higher is better), test_risk or generalization_gap (lower is"
                    + " better). Default: ${DEFAULT-VALUE}.")
    String metric;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Table.Format parsed = Table.Format.parse(format, List.of(Table.Format.values()));
        try (var store = ResultStores.openExisting(results.location)) {
            store.unfinishedGrids().forEach(g -> spec.commandLine()
                    .getErr()
                    .println("partial: " + g + "; these figures will change as the run goes on"));
            var filter = new LeaderboardFilter(task, budget, protocol);
            RankedMetric ranked = RankedMetric.parse(metric);
            if (parsed == Table.Format.JSON) {
                Leaderboard.writeJson(
                        store.cells(), filter, ranked, spec.commandLine().getOut());
            } else {
                Leaderboard.write(
                        Leaderboard.compute(store.cells(), filter, ranked),
                        parsed,
                        spec.commandLine().getOut());
            }
        }
        return Main.OK;
    }
}
