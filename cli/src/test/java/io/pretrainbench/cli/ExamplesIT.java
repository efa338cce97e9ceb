package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.engine.registry.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party path end to end, as a plugin author walks it: the example project {@code examples/pca-plugin} is
 * built by Maven on its own against the installed SPI and conformance kit (so its kit tests run), its jar is dropped
 * into a plugins folder, and its method and estimator run in the example grid next to the built-ins. Also: a plugin
 * that bundles an older version of a library the host uses (Jackson) sees its own version while the host keeps its.
 */
class ExamplesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EXAMPLE = Cli.HOME.resolve("examples/pca-plugin");

    @TempDir
    Path work;

    @Test
    void theExampleProjectBuildsPassesItsKitAndRunsInAGridNextToTheBuiltIns() throws Exception {
        // A copy, so that the build leaves no target/ folder in the source tree.
        Path project = copySources(EXAMPLE, work.resolve("pca-plugin"));
        Path built = mavenPackage(project);
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        Path jar = Files.copy(built, plugins.resolve(built.getFileName()));

        Cli.Outcome listed = Cli.run(work, "plugins", "--json", "--plugins", plugins.toString());
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        List<String> fromJar = new ArrayList<>();
        JSON.readTree(listed.out()).forEach(p -> {
            if (p.get("origin").asText().equals(jar.toString())) {
                fromJar.add(p.get("kind").asText() + ":" + p.get("name").asText());
            }
        });
        assertThat(fromJar).containsExactlyInAnyOrder("method:pca", "estimator:feature-norm");

        Path store = work.resolve("results.db");
        Cli.Outcome run = Cli.run(
                work,
                "run",
                project.resolve("grid.yaml").toString(),
                "--plugins",
                plugins.toString(),
                "--results",
                store.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        JsonNode board = JSON.readTree(Cli.run(work, "leaderboard", "--format", "json", "--results", store.toString())
                .out());
        Set<String> rows = new HashSet<>();
        board.get("rows")
                .forEach(r -> rows.add(
                        r.get("method").asText() + "@" + r.get("budget").asInt()));
        assertThat(rows).containsExactlyInAnyOrder("pca@100", "pca@1000", "scratch@100", "scratch@1000");

        JsonNode cells = JSON.readTree(Cli.run(work, "export", "--format", "json", "--results", store.toString())
                .out());
        assertThat(cells).hasSize(12); // 2 methods × 2 budgets × 3 seeds
        for (JsonNode cell : cells) {
            assertThat(cell.get("status").asText()).as(cell.toString()).isEqualTo("SUCCEEDED");
            JsonNode bound = cell.get("bounds").get("feature-norm");
            assertThat(bound)
                    .as("feature-norm bound of %s", cell.get("cell_id"))
                    .isNotNull();
            JsonNode c = bound.get("components");
            // The value is the sum of its recorded terms; at these small budgets it lies far above the measured gap.
            assertThat(bound.get("value").asDouble())
                    .isCloseTo(
                            c.get("empirical_margin_loss").asDouble()
                                    - c.get("train_error").asDouble()
                                    + c.get("complexity_term").asDouble()
                                    + c.get("confidence").asDouble(),
                            within(1e-9))
                    .isGreaterThanOrEqualTo(cell.get("generalization_gap").asDouble());
            assertThat(cell.get("bounds").has("rademacher-linear")).isTrue();
        }
    }

    @Test
    void aPluginBundlingAnOlderJacksonSeesItsOwnWhileTheHostKeepsItsOwn() throws Exception {
        // The host runs jackson-databind 2.18; this plugin ships an older one (copied by the cli build into
        // target/conflicting-jackson) in its own sub-folder, which gets its own child-first class loader.
        Path plugin = Files.createDirectories(work.resolve("plugins/jackson-user"));
        String bundled = null;
        try (Stream<Path> jars = Files.list(Path.of("target/conflicting-jackson"))) {
            for (Path j : jars.toList()) {
                Files.copy(j, plugin.resolve(j.getFileName()));
                String name = j.getFileName().toString();
                if (name.startsWith("jackson-databind-")) {
                    bundled = name.substring("jackson-databind-".length(), name.length() - ".jar".length());
                }
            }
        }
        assertThat(bundled)
                .as("an older jackson-databind in target/conflicting-jackson")
                .isNotNull();
        new PluginJar()
                .source("example.JacksonVersions", JACKSON_USER)
                .service(BoundEstimator.class, "example.JacksonVersions")
                .write(plugin.resolve("jackson-versions.jar"));

        Path grid = Files.writeString(
                work.resolve("grid.yaml"),
                """
        name: jackson
        pretraining:
          corpus:
            - {name: fashion-mnist, params: {limit: 1000}}
          methods:
            - {name: scratch, params: {hidden: "32"}}
        tasks:
          - {name: fmnist-10class, params: {test_limit: 300}}
        budgets: [50]
        protocols:
          - {name: linear-probe, params: {epochs: 20}}
        estimators: [jackson-versions]
        """);
        Path store = work.resolve("jackson.db");
        Cli.Outcome run = Cli.run(
                work,
                "run",
                grid.toString(),
                "--plugins",
                work.resolve("plugins").toString(),
                "--results",
                store.toString());
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();

        JsonNode cell = JSON.readTree(Cli.run(work, "export", "--format", "json", "--results", store.toString())
                        .out())
                .get(0);
        JsonNode bound = cell.get("bounds").get("jackson-versions");
        assertThat(bound).as(cell.toString()).isNotNull();
        JsonNode c = bound.get("components");
        String host = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString(); // the host's own
        assertThat(version(c, "plugin"))
                .as("the plugin's Jackson")
                .isEqualTo(bundled)
                .isNotEqualTo(host);
        assertThat(version(c, "host"))
                .as("the host's Jackson, seen from the same JVM")
                .isEqualTo(host);
        // The plugin's Jackson did real work: the cell's metrics went through a JSON round trip in it.
        assertThat(bound.get("value").asDouble())
                .isEqualTo(cell.get("generalization_gap").asDouble());
    }

    /**
     * A bound estimator that uses Jackson and reports two versions: the one its own class loader resolves, and the
     * host's, looked up through the parent loader (the host class loader, as {@code PluginDiscovery} sets it up).
     */
    private static final String JACKSON_USER =
            """
      package example;
      import com.fasterxml.jackson.databind.JsonNode;
      import com.fasterxml.jackson.databind.ObjectMapper;
      import io.pretrainbench.api.*;
      import io.pretrainbench.api.bound.*;
      import java.util.HashMap;
      import java.util.List;
      import java.util.Map;
      public final class JacksonVersions implements BoundEstimator {
        public PluginDescriptor descriptor() {
          return new PluginDescriptor("jackson-versions", "1.0.0",
              "Reports the Jackson versions the plugin and the host see.", SpiVersion.CURRENT, List.of());
        }
        public BoundEstimate estimate(EstimationContext context) {
          try {
            ObjectMapper json = new ObjectMapper();
            JsonNode m = json.readTree(json.writeValueAsString(context.metrics()));
            double gap = m.get("trainAccuracy").asDouble() - m.get("testAccuracy").asDouble();
            Map<String, Double> components = new HashMap<>();
            put(components, "plugin", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
            Class<?> host = Class.forName("com.fasterxml.jackson.databind.cfg.PackageVersion", true,
                JacksonVersions.class.getClassLoader().getParent());
            put(components, "host", host.getField("VERSION").get(null).toString());
            return new BoundEstimate(gap, components);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }
        private static void put(Map<String, Double> components, String who, String version) {
          String[] parts = version.split("[.-]");
          components.put(who + "_jackson_major", Double.parseDouble(parts[0]));
          components.put(who + "_jackson_minor", Double.parseDouble(parts[1]));
          components.put(who + "_jackson_patch", Double.parseDouble(parts[2]));
        }
      }
      """;

    private static String version(JsonNode components, String who) {
        return components.get(who + "_jackson_major").asInt() + "."
                + components.get(who + "_jackson_minor").asInt() + "."
                + components.get(who + "_jackson_patch").asInt();
    }

    /**
     * Runs {@code mvn -B -q package} in {@code project} and returns the jar it built. Offline, and with the same local
     * repository, when the build running this test is: the example needs PretrainBench's SPI and kit from the local
     * repository, where only {@code mvn install} of this project puts them.
     */
    private Path mavenPackage(Path project) throws Exception {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
        for (String arg :
                System.getenv().getOrDefault("MAVEN_CMD_LINE_ARGS", "").trim().split("\\s+")) {
            if (arg.equals("-o") || arg.equals("--offline") || arg.startsWith("-Dmaven.repo.local=")) {
                command.add(arg);
            }
        }
        command.add("package");
        Path log = work.resolve("example-build.log");
        Process build = new ProcessBuilder(command)
                .directory(project.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!build.waitFor(10, TimeUnit.MINUTES)) {
            build.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes");
        }
        assertThat(build.exitValue())
                .as("%s failed:%n%s", String.join(" ", command), Files.readString(log))
                .isZero();
        try (Stream<Path> jars = Files.list(project.resolve("target"))) {
            List<Path> found = jars.filter(p -> p.toString().endsWith(".jar")).toList();
            assertThat(found).as("jars in target/").hasSize(1);
            return found.get(0);
        }
    }

    /** Copies a project's sources, leaving out any build output a developer left behind. */
    private static Path copySources(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path relative = from.relativize(f);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        return to;
    }
}
