package io.pretrainbench.results.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path dir;

    @Test
    void aReportHasEverySectionItsPlotsAndTheFailures() {
        System.setProperty("java.awt.headless", "true");
        StringWriter html = new StringWriter();
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
            store.startRun(Cells.run());
            double[][] accuracy = {{0.60, 0.62, 0.61}, {0.50, 0.55, 0.52}};
            int[] budgets = {10, 100};
            for (int b = 0; b < 2; b++) {
                for (int s = 0; s < 3; s++) {
                    store.record(Cells.succeeded("m" + b + s, "mae", budgets[b], s, accuracy[0][s] + 0.1 * b));
                    store.record(Cells.succeeded("s" + b + s, "scratch", budgets[b], s, accuracy[1][s] + 0.1 * b));
                }
            }
            store.record(Cells.failed("f", "mae", 10, 7, "IllegalStateException: <boom> & more"));
            HtmlReport.write(store, "scratch", html);
        }
        String page = html.toString();
        assertThat(page)
                .startsWith("<!DOCTYPE html>")
                .endsWith("</html>\n")
                .contains(
                        "<h2>Leaderboard</h2>",
                        "<h2>Accuracy versus label budget</h2>",
                        "<h2>Gain over scratch</h2>",
                        "<h2>Bounds versus measured generalization gap</h2>",
                        "<h2>Training curves</h2>",
                        "<h2>Failed cells</h2>",
                        "<h2>Runs and environment</h2>")
                .contains("IllegalStateException: &lt;boom&gt; &amp; more")
                .contains("<th>kendall_tau</th>");
        // accuracy curve, gain curve, bound scatter, pre-training and fine-tuning losses
        assertThat(Pattern.compile("src=\"data:image/png;base64,")
                        .matcher(page)
                        .results()
                        .count())
                .isEqualTo(5);
        assertThat(page).doesNotContain("http://", "https://"); // nothing to fetch: it opens offline
    }

    @Test
    void theGainSectionShowsTheCrossoverBudgetWithItsInterval() {
        System.setProperty("java.awt.headless", "true");
        StringWriter html = new StringWriter();
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("c.db"))) {
            store.startRun(Cells.run());
            // mae leads by about 0.1 at 10 labels and trails by about 0.1 at 100: the line through the two mean
            // differences crosses zero half-way in log budget, at sqrt(10 * 100) = 31.6.
            double[] maeAt10 = {0.60, 0.62, 0.61};
            double[] scratchAt10 = {0.50, 0.52, 0.51};
            for (int s = 0; s < 3; s++) {
                store.record(Cells.succeeded("m10" + s, "mae", 10, s, maeAt10[s]));
                store.record(Cells.succeeded("s10" + s, "scratch", 10, s, scratchAt10[s]));
                store.record(Cells.succeeded("m100" + s, "mae", 100, s, scratchAt10[s] + 0.2));
                store.record(Cells.succeeded("s100" + s, "scratch", 100, s, maeAt10[s] + 0.2));
            }
            HtmlReport.write(store, "scratch", html);
        }
        String page = html.toString();
        assertThat(page).contains("<h3>Crossover budget: mae − scratch</h3>", "<th>crossover budget</th>");
        // Every resampled curve pairs the same seeds at both budgets, so the differences stay +0.1 and -0.1 and the
        // interval collapses onto the estimate.
        assertThat(page).contains("<td>[10, 100]</td><td>32</td><td>[32, 32]</td>");
    }
}
