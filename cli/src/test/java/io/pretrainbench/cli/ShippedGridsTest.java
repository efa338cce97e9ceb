package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.pretrainbench.engine.registry.PluginDiscovery;
import io.pretrainbench.engine.registry.PluginRegistry;
import io.pretrainbench.engine.study.StudyParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every grid and study file in {@code grids/} still validates against today's plugins, so that a renamed or re-ranged
 * parameter cannot leave a shipped study (and the README's commands) broken unnoticed. Grids whose data is not on these
 * machines must fail on their data alone.
 */
class ShippedGridsTest {
    private static final Path GRIDS = Cli.HOME.resolve("grids");
    /** Their data cannot be fetched here (CIFAR-10, STL-10) or is written by another command first (export-images). */
    private static final Set<String> DATA_ELSEWHERE = Set.of("cifar10.yaml", "stl10.yaml", "quick-png.yaml");

    static List<String> shipped() throws IOException {
        try (Stream<Path> files = Files.list(GRIDS)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml"))
                    .sorted()
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shipped")
    void validates(String name) throws IOException {
        Path file = GRIDS.resolve(name);
        if (isStudy(file)) {
            PluginRegistry registry = new PluginDiscovery(getClass().getClassLoader()).discover(null);
            assertThatCode(() -> new StudyParser(registry).parse(file)).doesNotThrowAnyException();
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                new String[] {"validate", file.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String problems = err.toString(StandardCharsets.UTF_8);
        if (DATA_ELSEWHERE.contains(name)) {
            assertThat(code).isEqualTo(Main.BAD_INPUT);
            assertThat(problems.lines())
                    .as("only the data is missing")
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line).containsAnyOf(": not found;", ": not a folder;"));
        } else {
            assertThat(code).as(problems).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains(": valid;");
        }
    }

    /** A study file lists {@code cases:} where a grid has {@code pretraining:}. */
    private static boolean isStudy(Path file) throws IOException {
        return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("cases:"));
    }
}
