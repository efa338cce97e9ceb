package io.pretrainbench.cli;

import io.pretrainbench.engine.env.EnvironmentProbe;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.registry.RegistryModule;
import io.pretrainbench.engine.verify.BundleVerifier;
import io.pretrainbench.engine.verify.MetricComparison;
import io.pretrainbench.results.bundle.Bundle;
import io.pretrainbench.results.bundle.Verification;
import io.pretrainbench.results.bundle.Verification.CellVerdict;
import io.pretrainbench.results.bundle.Verification.Verdict;
import io.pretrainbench.results.store.CellResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Re-run a seeded sample of a bundle's succeeded cells here and compare them with what it records.",
            "Each cell is rebuilt from the bundle (its run's grid text, plugin versions, parameters, data"
                    + " checksums, seeds)"
                    + " and run with the threads per cell its run recorded. On the same platform (CPU model and"
                    + " architecture)"
                    + " every metric and the encoder checksum must be identical; elsewhere accuracies must agree"
                    + " within "
                    + MetricComparison.TOLERANCE + " (risks are not compared).",
            "Prints one line per cell: reproduced, diverged (the metric, both values) or could not run (missing plugin,"
                    + " other plugin version, missing or other data, the cell failed here).",
            "Exit codes: 0 none diverged; 4 some cell diverged; 2 bad input, or no sampled cell could run."
        })
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "BUNDLE", description = "The bundle.")
    Path bundle;

    @Option(
            names = "--sample",
            paramLabel = "K",
            defaultValue = "10",
            description = "Cells to re-run (all succeeded cells if fewer). Default: ${DEFAULT-VALUE}.")
    int sample;

    @Option(
            names = "--seed",
            paramLabel = "S",
            defaultValue = "0",
            description =
                    "Seed of the sample: the same seed draws the same cells everywhere. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    Options.Plugins plugins;

    @Option(
            names = "--encoder-cache",
            paramLabel = "DIR",
            description = "Cached encoders to reuse, each only when its checksum is the one the bundle records;"
                    + " otherwise encoders are pre-trained again.")
    Path encoderCache;

    @Option(
            names = "--record",
            description =
                    "Also write the outcome beside the bundle, as BUNDLE.verified.json, for the leaderboard site.")
    boolean record;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (sample < 1) {
            throw new Main.UserError("--sample must be >= 1, got " + sample);
        }
        if (encoderCache != null && !Files.isDirectory(encoderCache)) {
            throw new Main.UserError("--encoder-cache " + encoderCache + " is not a folder");
        }
        PrintWriter out = spec.commandLine().getOut();
        Bundle.Contents contents = Bundle.read(bundle);
        contents.signature()
                .ifPresentOrElse(
                        s -> out.println("signed by " + s.fingerprint() + " (signature verified)"),
                        () -> spec.commandLine().getErr().println("warning: " + bundle + " is unsigned"));
        PluginRegistry registry = Wiring.reportProblems(
                Wiring.injector(new RegistryModule(plugins.dir)).getInstance(PluginRegistry.class),
                spec.commandLine().getErr());
        List<CellResult> drawn = BundleVerifier.sample(contents, sample, seed);
        if (drawn.isEmpty()) {
            throw new Main.UserError("bundle " + bundle + " has no succeeded cell to verify");
        }
        Path staging = Files.createTempDirectory("pretrainbench-verify");
        List<CellVerdict> verdicts = new ArrayList<>();
        String platform;
        try (BundleVerifier verifier =
                new BundleVerifier(registry, staging, encoderCache, new EnvironmentProbe(Wiring.home()).describe())) {
            platform = verifier.platform();
            out.printf(
                    "re-running %d of %d cells (seed %d) on %s%n",
                    drawn.size(), contents.cells().size(), seed, platform);
            for (CellResult cell : drawn) {
                CellVerdict verdict = verifier.verify(contents, cell);
                verdicts.add(verdict);
                out.printf(
                        "%-13s %s %s: %s%n",
                        verdict.verdict().label(), verdict.cellId(), verdict.label(), verdict.detail());
            }
        } finally {
            deleteRecursively(staging);
        }
        Verification verification = new Verification(contents.contentHash(), Instant.now(), platform, verdicts);
        out.printf(
                "%d reproduced, %d diverged, %d could not run%n",
                verification.count(Verdict.REPRODUCED),
                verification.count(Verdict.DIVERGED),
                verification.count(Verdict.COULD_NOT_RUN));
        if (record) {
            verification.write(Verification.sidecar(bundle));
            out.println("recorded in " + Verification.sidecar(bundle));
        }
        if (verification.count(Verdict.DIVERGED) > 0) {
            return Main.DIVERGED;
        }
        return verification.count(Verdict.REPRODUCED) > 0 ? Main.OK : Main.BAD_INPUT;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
