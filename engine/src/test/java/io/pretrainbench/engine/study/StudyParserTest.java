package io.pretrainbench.engine.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.engine.grid.GridException;
import io.pretrainbench.engine.registry.PluginDiscovery;
import io.pretrainbench.engine.registry.PluginRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** On the built-in case studies (plugins/asymptotics on the test class path), found by ServiceLoader. */
class StudyParserTest {
    private static final PluginRegistry REGISTRY =
            new PluginDiscovery(StudyParserTest.class.getClassLoader()).discover(null);
    private static final Path FILE = Path.of("study.yaml");
    private final StudyParser parser = new StudyParser(REGISTRY);

    /** The problems the parser reports for {@code source}; fails if it accepts it. */
    private List<String> problems(String source) {
        List<String> found = new ArrayList<>();
        assertThatThrownBy(() -> parser.parse(FILE, source))
                .isInstanceOfSatisfying(GridException.class, e -> found.addAll(e.problems()));
        return found;
    }

    @Test
    void theShippedStudyFileParses() {
        StudySpec spec = parser.parse(Path.of("../grids/asymptotics.yaml"));
        assertThat(spec.name()).isEqualTo("asymptotics");
        assertThat(spec.cases())
                .extracting(StudySpec.CaseSpec::name)
                .containsExactly("spectral-contrastive", "factor-model", "gaussian-mixture");
        assertThat(spec.cases()).allSatisfy(c -> {
            assertThat(c.alpha()).isEqualTo(2.0);
            assertThat(c.sizes()).isSorted().hasSizeGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void readsCaseParametersWithDefaultsAndPretrainingSizes() {
        StudySpec spec = parser.parse(
                FILE,
                """
        name: s
        seed: 5
        cases:
          - case: factor-model
            alpha: 1.5
            n: [100, 300]
            replicates: 10
            params: {d: 6, loadings: [3, 0.5], beta: [2.0, 1.0]}
        """);
        StudySpec.CaseSpec c = spec.cases().get(0);
        assertThat(spec.seed()).isEqualTo(5);
        assertThat(c.pretrainingSize(300)).isEqualTo(450);
        assertThat(c.version()).isEqualTo("1.0.0");
        assertThat(c.params().getInt("d")).isEqualTo(6);
        assertThat(c.params().getRealList("loadings")).containsExactly(3.0, 0.5);
        assertThat(c.params().getDouble("label_noise")).isEqualTo(0.05); // the descriptor's default
        assertThat(c.model().predict(1.5).dEff()).isEqualTo(2);
    }

    @Test
    void aBadParameterIsReportedAtItsLineWithItsKeyAndWhatIsValid() {
        assertThat(
                        problems(
                                """
        name: s
        cases:
          - case: gaussian-mixture
            alpha: 2
            n: [100]
            replicates: 10
            params:
              d: 20
              components: 17
              beta: [1.0]
        """))
                .containsExactly(
                        "study.yaml:9: cases[0].params.components: case study 'gaussian-mixture': value 17 is out of"
                                + " range: expected"
                                + " integer in [2, 16]",
                        "study.yaml:10: cases[0].params.beta: case study 'gaussian-mixture': value [1.0] is not"
                                + " real in [1.0E-6,"
                                + " 1000000.0]");
    }

    @Test
    void anUnknownCaseStudyListsTheOnesThatExist() {
        assertThat(
                        problems(
                                """
        name: s
        cases:
          - case: spectral-contrastiv
            alpha: 2
            n: [100]
            replicates: 10
        """))
                .containsExactly("study.yaml:3: cases[0].case: no case study 'spectral-contrastiv'; available:"
                        + " [factor-model, gaussian-mixture, spectral-contrastive]. To add one, put its jar in the"
                        + " plugins folder"
                        + " (--plugins DIR)");
    }

    @Test
    void reportsEveryProblemWithFileLineAndKey() {
        List<String> problems = problems(
                """
        name: s
        cases:
          - case: spectral-contrastive
            alpha: 2
            n: [100, 2.5]
            replicates: 10
          - case: spectral-contrastive
            alpha: -1
            n: [100]
            replicates: 10
            params: {d: 4, k: 4, colour: blue}
          - case: factor-model
            n: [100]
            replicates: 10
            params: {d: 3, loadings: [1.0, 2.0], beta: [1.0]}
        extra: 1
        """);
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "study.yaml:16: extra: unknown key; valid keys here: [name, description, seed, cases]",
                        "study.yaml:5: cases[0].n[1]: value 2.5 is not an integer in [10, 10000000]",
                        "study.yaml:8: cases[1].alpha: value -1 is not a number in [0.001, 1000000]",
                        "study.yaml:11: cases[1].params.colour: unknown key; valid keys here: [d, k, noise_variance]",
                        "study.yaml:12: cases[2].alpha: missing");
    }

    @Test
    void parametersValidOneByOneButNotTogetherAreThePluginsToRefuse() {
        List<String> problems = problems(
                """
        name: s
        cases:
          - case: spectral-contrastive
            alpha: 2
            n: [100]
            replicates: 10
            params: {d: 4, k: 4}
          - case: factor-model
            alpha: 2
            n: [100]
            replicates: 10
            params: {d: 3, loadings: [1.0, 2.0], beta: [1.0]}
        """);
        assertThat(problems)
                .containsExactly(
                        "study.yaml:7: cases[0].params: spectral-contrastive: k = 4 must be in [1, d - 1] = [1, 3]"
                                + " (the theorem"
                                + " needs a non-empty complement of the learned subspace)",
                        "study.yaml:12: cases[1].params: factor-model: beta has 1 entries; it needs one per factor"
                                + " (2, as many as"
                                + " loadings)");
    }

    @Test
    void aCaseListedTwiceAndAnUnusableNameAreRefused() {
        assertThat(
                        problems(
                                """
        name: my study
        cases:
          - {case: factor-model, alpha: 2, n: [100], replicates: 10}
          - {case: factor-model, alpha: 1, n: [100], replicates: 10}
        """))
                .containsExactly(
                        "study.yaml:1: name: 'my study' also names the output files (NAME.csv, NAME.json); use"
                                + " letters, digits,"
                                + " '.', '_' and '-'",
                        "study.yaml:4: cases[1].case: case study 'factor-model' is listed twice; its rows and plot"
                                + " are named after"
                                + " it, so give it one entry");
    }

    @Test
    void syntaxErrorsAndMissingCasesAreRefused() {
        assertThat(problems("name: [unclosed\n"))
                .singleElement()
                .asString()
                .startsWith("study.yaml:2: YAML syntax error");
        assertThat(problems("name: s\n")).containsExactly("study.yaml:1: cases: missing");
    }

    @Test
    void readsNoiseAveragedEntriesAndSweeps() {
        StudySpec spec = parser.parse(
                FILE,
                """
        name: s
        cases:
          - case: gaussian-mixture
            alpha: 2
            n: [100]
            replicates: 10
            label_noise: averaged
            params: {components: 3, d: 5, test_samples: 200, fisher_samples: 200}
          - case: gaussian-mixture
            alpha: 2
            sweep: {components: [2, 4]}
            params: {d: 5, target: harmonic, target_norm: 1, test_samples: 200, fisher_samples: 200}
        """);
        assertThat(spec.cases().get(0).labelNoise()).isEqualTo(StudySpec.LabelNoise.AVERAGED);
        assertThat(spec.cases().get(0).sweep()).isNull();
        StudySpec.CaseSpec sweep = spec.cases().get(1);
        assertThat(sweep.labelNoise()).isEqualTo(StudySpec.LabelNoise.REALISED);
        assertThat(sweep.sizes()).isEmpty();
        assertThat(sweep.sweep().parameter()).isEqualTo("components");
        assertThat(sweep.sweep().values()).containsExactly(2.0, 4.0);
        assertThat(sweep.sweep().models()).extracting(m -> m.predict(2).dEff()).containsExactly(4, 16);
    }

    @Test
    void badLabelNoiseAndSweepsAreRefusedAtTheirLines() {
        assertThat(
                        problems(
                                """
        name: s
        cases:
          - {case: factor-model, alpha: 2, n: [100], replicates: 10, label_noise: drawn}
          - {case: gaussian-mixture, alpha: 2, n: [100], sweep: {components: [2, 3]}}
          - {case: spectral-contrastive, alpha: 2, sweep: {d: [4], k: [1]}}
          - {case: gaussian-mixture, alpha: 2, sweep: {components: [2, 30]}, params: {test_samples: 100}}
        """))
                .containsExactly(
                        "study.yaml:3: cases[0].label_noise: 'drawn' is not one of [realised, averaged]",
                        "study.yaml:4: cases[1].n: a sweep entry only predicts; give either 'sweep' or 'n' and"
                                + " 'replicates'",
                        "study.yaml:5: cases[2].sweep: expected one parameter and its values, e.g. {d: [2, 3]}",
                        "study.yaml:6: cases[3].sweep.components[1]: case study 'gaussian-mixture': value 30 is out"
                                + " of range: expected integer in [2, 16]");
    }
}
