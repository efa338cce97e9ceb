package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.bound.BoundEstimate;
import io.pretrainbench.results.store.CellStatus;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SPI's binary-compatibility promise, kept by a real plugin: a bound estimator compiled against SPI 1.1 loads and
 * runs unchanged on this host. The test compiles the plugin's source ({@code spi11/plugin}) together with the 1.1
 * versions of the SPI types that changed since ({@code spi11/api}, taken from the 1.1 tree: EstimationContext,
 * BoundEstimator and SpiVersion, whose CURRENT javac copies into the plugin), jars only the plugin's classes with its
 * service file, and runs a small grid through the command line with that jar in the plugins folder. The other SPI types
 * it uses come from this build, whose signatures are unchanged since 1.1.
 */
class Spi11CompatibilityTest {
    private static final String PLUGIN = "example.spi11.GapEcho";

    @TempDir
    Path dir;

    @Test
    void anEstimatorCompiledAgainstSpi11RunsOnThisHostAndItsValueIsStored() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        buildSpi11Jar(plugins.resolve("gap-echo.jar"));
        Path grid = Files.writeString(
                dir.resolve("grid.yaml"),
                """
        name: spi11
        pretraining:
          corpus: [{name: fashion-mnist, params: {limit: 200}}]
          methods: [{name: scratch, params: {hidden: "16"}}]
        tasks: [{name: fmnist-10class, params: {test_limit: 100}}]
        budgets: [20]
        protocols: [{name: linear-probe, params: {epochs: 5}}]
        seeds: [0]
        estimators: [{name: gap-echo, params: {scale: 3.0}}]
        """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.execute(
                new String[] {
                    "run",
                    grid.toString(),
                    "--results",
                    dir.resolve("results.db").toString(),
                    "--plugins",
                    plugins.toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);

        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        List<StoredCell> cells;
        try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("results.db"))) {
            cells = store.cells();
        }
        assertThat(cells).hasSize(1);
        StoredCell cell = cells.get(0);
        assertThat(cell.status()).isEqualTo(CellStatus.SUCCEEDED);
        assertThat(cell.boundErrors()).isEmpty();
        BoundEstimate estimate = cell.bounds().get("gap-echo");
        assertThat(estimate).as("gap-echo's stored estimate").isNotNull();
        assertThat(estimate.value())
                .isCloseTo(3.0 * cell.metrics().orElseThrow().generalizationGap(), within(1e-12));
        assertThat(estimate.components())
                .containsEntry("feature_dim", 16.0)
                .containsEntry("classes", 10.0)
                .containsEntry("head_is_linear", 1.0)
                .containsEntry("spi_version", 1.1);
        assertThat(estimate.components().get("train_count"))
                .isEqualTo(estimate.components().get("feature_rows"));
        assertThat(SpiVersion.CURRENT).as("this host is newer than the plugin").isNotEqualTo("1.1");
    }

    /** Compiles plugin and SPI 1.1 signatures together; the jar holds the plugin's classes and service file only. */
    private void buildSpi11Jar(Path jar) throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of(
                "-d",
                classes.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "--release",
                "17",
                "-proc:none",
                "-implicit:none"));
        args.addAll(sources("spi11/api"));
        args.addAll(sources("spi11/plugin"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(
                null, null, new PrintStream(errors, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        assertThat(rc)
                .as("compiling the SPI 1.1 plugin: %s", errors.toString(StandardCharsets.UTF_8))
                .isZero();
        Path pluginClasses = classes.resolve("example");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> walk = Files.walk(pluginClasses)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(
                        new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(file));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/io.pretrainbench.api.bound.BoundEstimator"));
            out.write((PLUGIN + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    private static List<String> sources(String resource) {
        try (Stream<Path> walk = Files.walk(
                Path.of(Spi11CompatibilityTest.class.getResource("/" + resource).toURI()))) {
            return walk.filter(p -> p.toString().endsWith(".java"))
                    .map(Path::toString)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
