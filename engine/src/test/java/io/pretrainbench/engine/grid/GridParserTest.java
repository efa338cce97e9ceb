package io.pretrainbench.engine.grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.engine.registry.PluginDiscovery;
import io.pretrainbench.engine.registry.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grid files against the real built-in plugins: what is accepted, and the one-line errors for what is not. */
class GridParserTest {
    private static final PluginRegistry REGISTRY =
            new PluginDiscovery(GridParserTest.class.getClassLoader()).discover(null);
    private static final Path FILE = Path.of("grids/test.yaml");

    static final String VALID =
            """
      name: test
      pretraining:
        corpus:
          - name: fashion-mnist
            params: {limit: 500}
        methods:
          - name: scratch
          - name: autoencoder
            params:
              epochs: [1, 2]
        seeds: [0]
      tasks:
        - name: fmnist-10class
          params: {test_limit: 500}
      budgets: [20, 50]
      protocols:
        - linear-probe
      seeds: [0, 1]
      estimators:
        - rademacher-linear
      """;

    private GridSpec parse(String yaml) {
        return new GridParser(REGISTRY).parse(FILE, yaml);
    }

    private List<String> problems(String yaml) {
        try {
            parse(yaml);
        } catch (GridException e) {
            return e.problems();
        }
        throw new AssertionError("expected the grid to be refused");
    }

    private static String withSplits(Path file) {
        return VALID.replace(
                "    params: {test_limit: 500}\n",
                "    params: {test_limit: 500}\n    label_splits: " + file.toAbsolutePath() + "\n");
    }

    private static String line(int budget, long seed, int from) {
        StringBuilder s =
                new StringBuilder().append(budget).append(' ').append(seed).append(':');
        for (int i = 0; i < budget; i++) {
            s.append(' ').append(from + i);
        }
        return s.append('\n').toString();
    }

    @Test
    void aLabelSplitsFileGivesEachCellItsLabelledExamplesAndEntersOnlyTheirIds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("splits.txt");
        Files.writeString(
                file,
                "# comment\n" + line(20, 0, 0) + line(20, 1, 100) + line(50, 0, 0) + line(50, 1, 200) + line(7, 9, 0));
        List<Cell> cells = GridExpander.expand(parse(withSplits(file)));
        Cell cell = cells.stream()
                .filter(c -> c.budget() == 20 && c.seed() == 1)
                .findFirst()
                .orElseThrow();
        assertThat(cell.labelSplits().indices(20, 1)).startsWith(100, 101).hasSize(20);

        // Another file with the same lines for the grid's cells (plus others) gives the same ids; drawn cells differ.
        Files.writeString(
                dir.resolve("other.txt"), line(50, 1, 200) + line(20, 0, 0) + line(20, 1, 100) + line(50, 0, 0));
        List<String> ids = cells.stream().map(Cell::id).sorted().toList();
        assertThat(GridExpander.expand(parse(withSplits(dir.resolve("other.txt")))).stream()
                        .map(Cell::id)
                        .sorted())
                .containsExactlyElementsOf(ids);
        assertThat(GridExpander.expand(parse(VALID)).stream().map(Cell::id)).doesNotContainAnyElementsOf(ids);
    }

    @Test
    void everyProblemOfALabelSplitsFileIsOneLineNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("splits.txt");
        Files.writeString(
                file,
                line(20, 0, 0) // line 1: fine
                        + line(20, 1, 59_990) // line 2: 60 000 and above are outside the 60 000-image pool
                        + "50 0: 1 2 3\n" // line 3: 3 indices for a budget of 50
                        + line(50, 1, 0).replace(" 7 ", " 6 ") // line 4: index 6 twice
                        + "fifty 2: 1\n"); // line 5: not a line
        assertThat(problems(withSplits(file)))
                .containsExactly(
                        file.toAbsolutePath() + ":3: budget 50 seed 0 lists 3 indices; a budget of 50 needs 50",
                        file.toAbsolutePath() + ":4: index 6 is listed twice",
                        file.toAbsolutePath() + ":5: expected 'BUDGET SEED: INDEX INDEX ...', e.g. '100 0: 5 17 23"
                                + " ...'");

        Files.writeString(file, line(20, 0, 0) + line(20, 1, 59_990) + line(50, 0, 0));
        assertThat(problems(withSplits(file)))
                .containsExactly(
                        file.toAbsolutePath() + ":2: index 60000 is out of range: the task's training pool has 60000"
                                + " examples (indices 0 to 59999)",
                        file.toAbsolutePath() + ": no line for budget 50 seed 1 (the grid needs one per budget and"
                                + " seed)");

        assertThat(problems(withSplits(dir.resolve("missing.txt"))))
                .singleElement()
                .asString()
                .startsWith(dir.resolve("missing.txt").toAbsolutePath() + ": cannot read label splits: ");
        assertThat(problems(VALID.replace("  - linear-probe\n", "  - {name: linear-probe, label_splits: x}\n")))
                .singleElement()
                .asString()
                .contains("protocols[0].label_splits: unknown key; valid keys here: [name, params]");
    }

    @Test
    void aValidGridExpandsSweepsAndFillsDefaults() {
        GridSpec grid = parse(VALID);

        assertThat(grid.methods())
                .extracting(PluginChoice::name)
                .containsExactly("scratch", "autoencoder", "autoencoder");
        assertThat(grid.methods().get(1).params().getLong("epochs")).isEqualTo(1);
        assertThat(grid.methods().get(2).params().getLong("epochs")).isEqualTo(2);
        assertThat(grid.corpora().get(0).dataChecksum()).isNotEmpty();
        // 3 method choices x 2 budgets x 1 protocol x 2 seeds
        assertThat(GridExpander.expand(grid)).hasSize(12);
    }

    @Test
    void cellIdsDoNotDependOnTheOrderOfTheFile() {
        String reordered =
                """
        seeds: [1, 0]
        estimators: [rademacher-linear]
        budgets: [50, 20]
        protocols: [{name: linear-probe}]
        tasks:
          - {name: fmnist-10class, params: {test_limit: 500}}
        pretraining:
          seeds: [0]
          methods:
            - name: autoencoder
              params: {epochs: [2, 1]}
            - scratch
          corpus:
            - {params: {limit: 500}, name: fashion-mnist}
        name: test
        """;
        List<String> ids = GridExpander.expand(parse(VALID)).stream()
                .map(Cell::id)
                .sorted()
                .toList();
        List<String> reorderedIds = GridExpander.expand(parse(reordered)).stream()
                .map(Cell::id)
                .sorted()
                .toList();

        assertThat(reorderedIds).isEqualTo(ids).doesNotHaveDuplicates();
    }

    @Test
    void explicitDefaultsGiveTheSameCellsAsOmittedOnes() {
        var scratch = REGISTRY.find(io.pretrainbench.engine.registry.PluginKind.METHOD, "scratch")
                .orElseThrow();
        String param = scratch.descriptor().parameters().get(0).name();
        Object value = scratch.descriptor().parameters().get(0).defaultValue();
        String explicit = VALID.replace(
                "  - name: scratch\n", "  - name: scratch\n      params: {" + param + ": \"" + value + "\"}\n");
        assertThat(explicit).isNotEqualTo(VALID);

        assertThat(GridExpander.expand(parse(explicit)).stream()
                        .map(Cell::id)
                        .sorted()
                        .toList())
                .isEqualTo(GridExpander.expand(parse(VALID)).stream()
                        .map(Cell::id)
                        .sorted()
                        .toList());
    }

    @Test
    void anUnknownPluginNamesFileLineKeyAndWhatExists() {
        assertThat(problems(VALID.replace("- name: scratch", "- name: scrach")))
                .containsExactly(
                        "grids/test.yaml:7: pretraining.methods[0].name: no pre-training method 'scrach'; available: "
                                + REGISTRY.names(io.pretrainbench.engine.registry.PluginKind.METHOD)
                                + ". To add one, put its jar in the plugins folder (--plugins DIR)");
    }

    @Test
    void aWrongTypeNamesTheParameterAndItsValidValues() {
        assertThat(problems(VALID.replace("epochs: [1, 2]", "epochs: [1, many]")))
                .singleElement()
                .asString()
                .startsWith(
                        "grids/test.yaml:10: pretraining.methods[1].params.epochs: pre-training method 'autoencoder': ")
                .contains("'many' is not integer in [");
    }

    @Test
    void anOutOfRangeValueIsRefused() {
        assertThat(problems(VALID.replace("epochs: [1, 2]", "epochs: -3")))
                .singleElement()
                .asString()
                .startsWith("grids/test.yaml:10: pretraining.methods[1].params.epochs:")
                .contains("out of range");
    }

    @Test
    void anUnknownParameterListsTheValidOnes() {
        assertThat(problems(VALID.replace("epochs: [1, 2]", "epoch: 2")))
                .singleElement()
                .asString()
                .startsWith("grids/test.yaml:10: pretraining.methods[1].params.epoch:")
                .contains("no such parameter")
                .contains("epochs");
    }

    @Test
    void aYamlSyntaxErrorNamesTheLine() {
        assertThat(problems(VALID.replace("budgets: [20, 50]", "budgets: [20, 50")))
                .singleElement()
                .asString()
                .startsWith("grids/test.yaml:")
                .contains("YAML syntax error");
    }

    @Test
    void unknownAndMissingKeysAreReported() {
        assertThat(problems(VALID.replace("budgets: [20, 50]", "budget: [20, 50]")))
                .anySatisfy(p -> assertThat(p)
                        .isEqualTo("grids/test.yaml:15: budget: unknown key; valid keys here: "
                                + GridParser.TOP_LEVEL_KEYS))
                .anySatisfy(p -> assertThat(p).startsWith("grids/test.yaml:1: budgets: missing"));
    }

    @Test
    void badBudgetsAndDuplicateSeedsAreReported() {
        assertThat(problems(VALID.replace("budgets: [20, 50]", "budgets: [20, 0]")
                        .replace("seeds: [0, 1]", "seeds: [1, 1]")))
                .containsExactlyInAnyOrder(
                        "grids/test.yaml:15: budgets[1]: value '0' is not an integer >= 1",
                        "grids/test.yaml:18: seeds[1]: value 1 is listed twice");
    }

    @Test
    void theThreePretrainingSeedGridIsTheHeadlineGridWhoseCellsItReuses() {
        GridParser parser = new GridParser(REGISTRY);
        List<Cell> headline = GridExpander.expand(parser.parse(Path.of("../grids/mrp-vs-sl.yaml")));
        List<Cell> threeSeeds = GridExpander.expand(parser.parse(Path.of("../grids/mrp-vs-sl-3seeds.yaml")));
        assertThat(headline).hasSize(240);
        assertThat(threeSeeds).hasSize(3 * 240);
        assertThat(threeSeeds.stream().map(Cell::pretrainSeed).distinct()).containsExactlyInAnyOrder(0L, 1L, 2L);
        // cell ids do not depend on the grid, so a run into the headline's store only adds pre-training seeds 1 and 2
        assertThat(threeSeeds.stream().map(Cell::id).toList())
                .containsAll(headline.stream().map(Cell::id).toList());
    }
}
