package io.pretrainbench.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.harness.registry.PluginJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The third-party path end to end: the example plugin project in {@code examples/pca-plugin} is built with Maven
 * against the installed SPI and TCK (its TCK tests run), its jar is dropped into a plugins folder, and its plugins run
 * in a grid next to the built-ins. Also: a plugin bundling a conflicting version of a library the host uses.
 */
class ExamplesIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path work;

  @Test
  void theExamplePluginProjectBuildsPassesItsTckAndRunsInAGrid() throws Exception {
    Path project = work.resolve("pca-plugin");
    copy(Cli.HOME.resolve("examples/pca-plugin"), project);
    Process build = new ProcessBuilder("mvn", "-B", "-q", "package").directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(work.resolve("build.log").toFile()).start();
    assertThat(build.waitFor(10, TimeUnit.MINUTES)).isTrue();
    assertThat(build.exitValue()).as(Files.readString(work.resolve("build.log"))).isZero();
    Path plugins = Files.createDirectories(work.resolve("plugins"));
    Path jar = Files.copy(project.resolve("target/pretrainbench-pca-plugin-1.0.0.jar"), plugins.resolve("pca.jar"));

    JsonNode listed = JSON.readTree(Cli.run(work, "plugins", "--json", "--plugins", plugins.toString()).out());
    List<String> fromJar = new ArrayList<>();
    listed.forEach(p -> {
      if (p.get("origin").asText().equals(jar.toString())) {
        fromJar.add(p.get("kind").asText() + ":" + p.get("name").asText());
      }
    });
    assertThat(fromJar).containsExactlyInAnyOrder("method:pca", "estimator:norm-over-margin");

    Path store = work.resolve("results.db");
    Cli.Outcome run = Cli.run(work, "run", project.resolve("grid.yaml").toString(), "--plugins", plugins.toString(),
        "--results", store.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    JsonNode board = JSON.readTree(Cli.run(work, "leaderboard", "--format", "json", "--results", store.toString()).out());
    List<String> methods = new ArrayList<>();
    board.forEach(r -> methods.add(r.get("method").asText()));
    assertThat(methods).contains("pca", "scratch");
    JsonNode cells = JSON.readTree(Cli.run(work, "export", "--format", "json", "--results", store.toString()).out());
    assertThat(cells).hasSize(12);
    cells.forEach(c -> assertThat(c.get("bounds").has("norm-over-margin")).as(c.toString()).isTrue());
  }

  @Test
  void aPluginBundlingAConflictingLibraryVersionLoadsAndRuns() throws Exception {
    // The host runs jackson-databind 2.18; this plugin ships 2.17 in its own folder and must see its own copy.
    Path plugin = Files.createDirectories(work.resolve("plugins/jackson-user"));
    try (Stream<Path> jars = Files.list(Path.of("target/conflicting-jackson"))) {
      for (Path j : jars.toList()) {
        Files.copy(j, plugin.resolve(j.getFileName()));
      }
    }
    new PluginJar().source("example.JacksonVersion", """
        package example;
        import io.pretrainbench.api.*;
        import io.pretrainbench.api.bound.*;
        import java.util.List;
        import java.util.Map;
        public final class JacksonVersion implements BoundEstimator {
          public PluginDescriptor descriptor() {
            return new PluginDescriptor("jackson-version", "1.0.0", "Reports the Jackson version it sees.",
                SpiVersion.CURRENT, List.of());
          }
          public BoundEstimate estimate(EstimationContext c) {
            var v = new com.fasterxml.jackson.databind.ObjectMapper().version();
            return new BoundEstimate(v.getMajorVersion() * 100 + v.getMinorVersion(), Map.of());
          }
        }
        """).service(BoundEstimator.class, "example.JacksonVersion").write(plugin.resolve("jackson-version.jar"));

    Path grid = Files.writeString(work.resolve("grid.yaml"), CliIT.SMALL_GRID
        .replace("\n          - {name: autoencoder, params: {hidden: \"64\", epochs: 1, max_examples: 1000}}", "")
        .replace("seeds: [0, 1]", "seeds: [0]")
        .replace("estimators: [rademacher-linear]", "estimators: [jackson-version]"));
    Path store = work.resolve("conflict.db");
    Cli.Outcome run = Cli.run(work, "run", grid.toString(), "--plugins", work.resolve("plugins").toString(),
        "--results", store.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    JsonNode cell = JSON.readTree(Cli.run(work, "export", "--results", store.toString()).out()).get(0);
    assertThat(cell.get("bounds").get("jackson-version").get("value").asDouble()).as("the plugin's own Jackson")
        .isEqualTo(217.0);
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().version().getMinorVersion()).as("the host's")
        .isEqualTo(18);
  }

  private static void copy(Path from, Path to) throws Exception {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(p -> !p.toString().contains("/target/")).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
