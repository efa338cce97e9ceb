package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a leaderboard row trustworthy, end to end on one tiny real grid (2 methods × 2 seeds on a Fashion-MNIST
 * slice): signed bundles and their fingerprints, a forged number caught by the signature and by re-running cells
 * ({@code verify}), the Papers with Code export.
 */
class TrustIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    static final String GRID =
            CliIT.SMALL_GRID.replace("name: small", "name: trust").replace("estimators: [rademacher-linear]\n", "");

    @TempDir
    static Path work;

    static Path store;

    @BeforeAll
    static void runGrid() throws Exception {
        Files.writeString(work.resolve("trust.yaml"), GRID);
        store = work.resolve("trust.db");
        Cli.Outcome run = Cli.run(work, "run", "trust.yaml", "--results", store.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    }

    /** What a forger does: changes one number and recomputes the content hash, so only a signature can tell. */
    static Path forge(Path bundle, String name) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(bundle.toFile());
        ObjectNode cell = (ObjectNode) root.get("content").get("cells").get(0);
        ObjectNode metrics = (ObjectNode) cell.get("metrics");
        metrics.put("test_accuracy", metrics.get("test_accuracy").asDouble() + 0.125);
        byte[] canonical = CANONICAL.writeValueAsBytes(JSON.convertValue(root.get("content"), Object.class));
        root.put(
                "content_sha256",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)));
        return Files.writeString(work.resolve(name), CANONICAL.writeValueAsString(root));
    }

    static String firstCellId(Path bundle) throws Exception {
        return JSON.readTree(bundle.toFile())
                .get("content")
                .get("cells")
                .get(0)
                .get("cell_id")
                .asText();
    }

    @Test
    void aSignedBundleImportsWithItsFingerprintAndAForgedNumberBreaksTheSignature() throws Exception {
        Cli.Outcome keygen = Cli.run(work, "keygen", "--out", "keys/me.key");
        assertThat(keygen.exitCode()).as(keygen.err()).isZero();
        String fingerprint =
                keygen.out().replaceAll("(?s).*fingerprint (\\S+).*", "$1").trim();
        assertThat(fingerprint).matches("([0-9a-f]{4}:){15}[0-9a-f]{4}");
        Cli.Outcome again = Cli.run(work, "keygen", "--out", "keys/me.key");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err().strip()).doesNotContain("\n").contains("me.key").contains("never overwrites");

        Cli.Outcome bundle =
                Cli.run(work, "bundle", "--results", store.toString(), "--out", "signed.json", "--sign", "keys/me.key");
        assertThat(bundle.exitCode()).as(bundle.err()).isZero();
        assertThat(bundle.out()).contains("signed by " + fingerprint);

        Cli.Outcome imported = Cli.run(work, "import", "signed.json", "--results", "copy.db");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("signed by " + fingerprint).contains("imported 4 of 4 cells");
        assertThat(imported.err()).isEmpty();

        Path forged = forge(work.resolve("signed.json"), "forged-signed.json");
        Cli.Outcome refused = Cli.run(work, "import", forged.toString(), "--results", "forged.db");
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err().strip())
                .doesNotContain("\n")
                .contains("bad signature")
                .contains(fingerprint)
                .contains("nothing was imported");
        assertThat(work.resolve("forged.db")).doesNotExist();
    }

    @Test
    void anUnsignedBundleImportsWithAOneLineWarning() throws Exception {
        Cli.Outcome bundle = Cli.run(work, "bundle", "--results", store.toString(), "--out", "unsigned.json");
        assertThat(bundle.exitCode()).as(bundle.err()).isZero();

        Cli.Outcome imported = Cli.run(work, "import", "unsigned.json", "--results", "unsigned.db");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err().strip()).doesNotContain("\n").startsWith("warning: unsigned.json is unsigned");
    }

    @Test
    void exportPwcGivesTheLeaderboardsMeansAsPapersWithCodeEvaluationTables() throws Exception {
        Cli.Outcome pwc = Cli.run(work, "export", "--format", "pwc", "--results", store.toString());
        assertThat(pwc.exitCode()).as(pwc.err()).isZero();
        Cli.Outcome board = Cli.run(work, "leaderboard", "--format", "json", "--results", store.toString());
        assertThat(board.exitCode()).as(board.err()).isZero();

        JsonNode tasks = JSON.readTree(pwc.out());
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).get("task").asText()).isEqualTo("fmnist-10class");
        JsonNode dataset = tasks.get(0).get("datasets").get(0);
        assertThat(dataset.get("dataset").asText()).isEqualTo("fmnist-10class, m=50 labels, linear-probe");
        JsonNode rows = dataset.get("sota").get("rows");
        assertThat(rows).hasSize(2);
        for (JsonNode expected : JSON.readTree(board.out()).get("rows")) {
            String method = expected.get("method").asText();
            JsonNode row = java.util.stream.StreamSupport.stream(rows.spliterator(), false)
                    .filter(r -> r.get("model_name").asText().startsWith(method + ","))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.get("metrics").get("Accuracy (%)").asText())
                    .as(method)
                    .isEqualTo(String.format(
                            java.util.Locale.ROOT,
                            "%.2f",
                            100 * expected.get("test_accuracy").asDouble()));
            assertThat(row.get("metrics").get("Seeds").asText()).isEqualTo("2");
        }
    }

    @Test
    void verifyReproducesEverySampledCellIdenticallyHere() throws Exception {
        Cli.Outcome bundle = Cli.run(work, "bundle", "--results", store.toString(), "--out", "honest.json");
        assertThat(bundle.exitCode()).as(bundle.err()).isZero();

        Cli.Outcome verify = Cli.run(
                work,
                "verify",
                "honest.json",
                "--sample",
                "3",
                "--seed",
                "7",
                "--record",
                "--encoder-cache",
                work.resolve("encoders").toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        List<String> lines =
                verify.out().lines().filter(l -> l.startsWith("reproduced")).toList();
        assertThat(lines).as(verify.out()).hasSize(3).allMatch(l -> l.contains("identical"));
        assertThat(verify.out())
                .contains("encoder from the cache (checksum matches the bundle)")
                .contains("3 reproduced, 0 diverged, 0 could not run");
        JsonNode recorded =
                JSON.readTree(work.resolve("honest.json.verified.json").toFile());
        assertThat(recorded.get("cells"))
                .hasSize(3)
                .allMatch(c -> c.get("verdict").asText().equals("REPRODUCED"));

        Cli.Outcome again = Cli.run(work, "verify", "honest.json", "--sample", "3", "--seed", "7");
        assertThat(again.out()
                        .lines()
                        .filter(l -> l.startsWith("reproduced"))
                        .map(l -> l.split(" +")[1])
                        .toList())
                .as("the same seed draws the same cells")
                .isEqualTo(lines.stream().map(l -> l.split(" +")[1]).toList());
    }

    @Test
    void aForgedNumberWithARecomputedHashImportsOnlyUnsignedAndVerifyNamesTheCellAsDiverged() throws Exception {
        Cli.Outcome bundle = Cli.run(work, "bundle", "--results", store.toString(), "--out", "to-forge.json");
        assertThat(bundle.exitCode()).as(bundle.err()).isZero();
        Path forged = forge(work.resolve("to-forge.json"), "forged.json");
        String cellId = firstCellId(forged);

        Cli.Outcome imported = Cli.run(work, "import", forged.toString(), "--results", "forged-import.db");
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.err()).startsWith("warning: ").contains("is unsigned");

        Cli.Outcome verify = Cli.run(work, "verify", forged.toString(), "--sample", "4");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(4);
        String diverged = verify.out()
                .lines()
                .filter(l -> l.startsWith("diverged"))
                .findFirst()
                .orElseThrow();
        assertThat(diverged).contains(cellId).contains("test_accuracy: bundle ");
        assertThat(verify.out()).contains("3 reproduced, 1 diverged, 0 could not run");
    }

    @Test
    void theSiteOfTwoBundlesRendersEveryPageAndPlotInHeadlessChromium() throws Exception {
        assertThat(Files.isExecutable(HeadlessChromium.BINARY))
                .as("Debian's chromium is missing (%s): run bin/setup, which installs it", HeadlessChromium.BINARY)
                .isTrue();
        Path bundles = Files.createDirectories(work.resolve("submissions"));
        Cli.run(work, "keygen", "--out", "keys/site.key");
        assertThat(Cli.run(
                                work,
                                "bundle",
                                "--results",
                                store.toString(),
                                "--out",
                                "submissions/team-a.json",
                                "--sign",
                                "keys/site.key")
                        .exitCode())
                .isZero();
        Files.writeString(
                work.resolve("other.yaml"),
                GRID.replace("name: trust", "name: other")
                        .replace("seeds: [0, 1]", "seeds: [0, 1, 2]")
                        .replace("budgets: [50]", "budgets: [20, 50]"));
        Cli.Outcome other = Cli.run(work, "run", "other.yaml", "--results", "other.db");
        assertThat(other.exitCode()).as(other.err()).isZero();
        assertThat(Cli.run(work, "bundle", "--results", "other.db", "--out", "submissions/team-b.json")
                        .exitCode())
                .isZero();
        Cli.Outcome verify = Cli.run(
                work,
                "verify",
                "submissions/team-a.json",
                "--sample",
                "2",
                "--record",
                "--encoder-cache",
                work.resolve("encoders").toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();

        Cli.Outcome site = Cli.run(work, "site", "--bundles", "submissions", "--out", "site");
        assertThat(site.exitCode()).as(site.err()).isZero();
        List<Path> pages;
        try (var list = Files.list(work.resolve("site"))) {
            pages = list.sorted().toList();
        }
        // index, one table per (task, budget, protocol): m=20 and m=50, and one page per submission
        assertThat(pages)
                .extracting(p -> p.getFileName().toString())
                .containsExactly(
                        "index.html",
                        "submission-team-a.html",
                        "submission-team-b.html",
                        "table-1.html",
                        "table-2.html");
        assertThat(Files.readString(work.resolve("site/table-2.html")))
                .contains("team-a")
                .contains("team-b")
                .contains("signed by ")
                .contains("unsigned")
                .contains("2 of 2 re-run cells reproduced")
                .contains("not verified");
        assertThat(Files.readString(work.resolve("site/submission-team-b.html")))
                .contains("name: other")
                .contains("method:autoencoder")
                .contains("threads_per_cell");

        byte[] screenshot = null;
        try (HeadlessChromium chromium = HeadlessChromium.start(1200, 900)) {
            for (Path page : pages) {
                chromium.open(page);
                JsonNode plots = chromium.evaluate("[...document.querySelectorAll('img')].map(i => ({alt: i.alt,"
                        + " complete: i.complete, natural: [i.naturalWidth, i.naturalHeight]}))");
                for (JsonNode p : plots) {
                    assertThat(p.get("complete").asBoolean())
                            .as(page + ": " + p.get("alt"))
                            .isTrue();
                    assertThat(p.get("natural"))
                            .as("decoded size of %s on %s", p.get("alt"), page)
                            .isEqualTo(JSON.readTree("[720, 400]"));
                }
                if (!page.getFileName().toString().equals("index.html")) {
                    assertThat(plots).as(page + " has a plot").isNotEmpty();
                }
                JsonNode brokenLinks =
                        chromium.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('href'))");
                brokenLinks.forEach(href -> assertThat(page.resolveSibling(href.asText()))
                        .as(page + " links")
                        .exists());
                if (page.getFileName().toString().equals("table-2.html")) {
                    screenshot = chromium.fullPageScreenshot();
                }
                assertThat(chromium.errors())
                        .as("console errors, exceptions, error log entries on " + page)
                        .isEmpty();
            }
        }
        Files.write(Path.of("target/site-screenshot.png"), screenshot); // copied to docs/ for the README
    }
}
