package io.pretrainbench.cli;

import io.pretrainbench.results.bundle.Bundle;
import io.pretrainbench.results.bundle.Verification;
import io.pretrainbench.results.report.LeaderboardSite;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "site",
        mixinStandardHelpOptions = true,
        description = {
            "Build a static, offline leaderboard site from every bundle (*.json) in a folder: index.html (tasks"
                    + " × budgets × protocols), a table per combination (mean test accuracy ± 95%% CI, seeds,"
                    + " signer, verification"
                    + " status) and a page per submission (grid text, plugin versions and parameters, environment,"
                    + " failed cells),"
                    + " with plots as in the report.",
            "Each bundle is validated as import does (a bad hash or signature stops the build); its verification is"
                    + " read"
                    + " from BUNDLE.verified.json (written by verify --record) when it is of the same content."
        })
final class SiteCommand implements Callable<Integer> {
    @Option(names = "--bundles", required = true, paramLabel = "DIR", description = "Folder of submission bundles.")
    Path bundles;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the site into.")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(bundles)) {
            throw new Main.UserError("--bundles " + bundles + " is not a folder");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(bundles)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().endsWith(".verified.json"))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) {
            throw new Main.UserError("--bundles " + bundles + " holds no bundle (*.json); write one with bundle --out");
        }
        OutputPaths.writableDir("--out", out);
        List<LeaderboardSite.Submission> submissions = new ArrayList<>();
        Map<String, Path> names = new HashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            Bundle.Contents contents = Bundle.read(file);
            Path clash = names.put(name.toLowerCase(java.util.Locale.ROOT), file);
            if (clash != null) {
                throw new Main.UserError("bundles " + clash + " and " + file + " would have the same page; rename one");
            }
            submissions.add(
                    new LeaderboardSite.Submission(name, contents, Verification.readFor(file, contents.contentHash())));
        }
        List<Path> pages = LeaderboardSite.write(submissions, out);
        spec.commandLine()
                .getOut()
                .printf(
                        "site of %d bundles written to %s (%d pages; open %s)%n",
                        submissions.size(), out, pages.size(), out.resolve("index.html"));
        return Main.OK;
    }
}
