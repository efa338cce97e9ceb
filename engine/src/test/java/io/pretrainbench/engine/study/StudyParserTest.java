package io.pretrainbench.cli.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.asymptotics.StudySpec;
import io.pretrainbench.engine.grid.GridException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StudyParserTest {
  private static final Path FILE = Path.of("study.yaml");
  private final StudyParser parser = new StudyParser();

  /** The problems the parser reports for {@code source}; fails if it accepts it. */
  private java.util.List<String> problems(String source) {
    java.util.List<String> found = new java.util.ArrayList<>();
    assertThatThrownBy(() -> parser.parse(FILE, source)).isInstanceOfSatisfying(GridException.class,
        e -> found.addAll(e.problems()));
    return found;
  }

  @Test
  void theShippedStudyFileParses() {
    StudySpec spec = parser.parse(Path.of("../grids/asymptotics.yaml"));
    assertThat(spec.cases()).extracting(c -> c.study().name())
        .containsExactly("spectral-contrastive", "factor-model", "gaussian-mixture");
    assertThat(spec.cases()).allSatisfy(c -> {
      assertThat(c.alpha()).isEqualTo(2.0);
      assertThat(c.sizes()).isSorted().hasSizeGreaterThanOrEqualTo(4);
    });
  }

  @Test
  void readsCaseParametersAndPretrainingSizes() {
    StudySpec spec = parser.parse(FILE, """
        name: s
        seed: 5
        cases:
          - case: factor-model
            alpha: 1.5
            n: [100, 300]
            replicates: 10
            params: {d: 6, loadings: [3.0], beta: [2.0], label_noise: 0.1}
        """);
    StudySpec.CaseSpec c = spec.cases().get(0);
    assertThat(spec.seed()).isEqualTo(5);
    assertThat(c.pretrainingSize(300)).isEqualTo(450);
    assertThat(c.study().parameters()).containsEntry("d", 6).containsEntry("label_noise", 0.1);
  }

  @Test
  void reportsEveryProblemWithFileLineAndKey() {
    java.util.List<String> problems = problems("""
        name: s
        cases:
          - case: spectral-contrastiv
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
    assertThat(problems).containsExactlyInAnyOrder(
        "study.yaml:16: extra: unknown key; valid keys here: [name, description, seed, cases]",
        "study.yaml:3: cases[0].case: unknown case study 'spectral-contrastiv'; valid: [spectral-contrastive,"
            + " factor-model, gaussian-mixture]",
        "study.yaml:5: cases[0].n[1]: value 2.5 is not an integer in [10, 10000000]",
        "study.yaml:8: cases[1].alpha: value -1 is not a number in [0.001, 1000000]",
        "study.yaml:11: cases[1].params.colour: unknown key; valid keys here: [d, k, noise_variance]",
        "study.yaml:11: cases[1].params: spectral-contrastive: k = 4 must be in [1, d - 1] = [1, 3] (the theorem"
            + " needs a non-empty complement of the learned subspace)",
        "study.yaml:12: cases[2].alpha: missing",
        "study.yaml:15: cases[2].params: factor-model: beta has 1 entries; it needs one per factor (2, as many as"
            + " loadings)");
  }

  @Test
  void aParameterOutOfRangeForItsCaseNamesTheRule() {
    java.util.List<String> problems = problems("""
        name: s
        cases:
          - case: spectral-contrastive
            alpha: 2
            n: [100]
            replicates: 10
            params: {d: 4, k: 4}
        """);
    assertThat(problems).containsExactly("study.yaml:7: cases[0].params: spectral-contrastive: k = 4 must be in"
        + " [1, d - 1] = [1, 3] (the theorem needs a non-empty complement of the learned subspace)");
  }

  @Test
  void syntaxErrorsAndMissingCasesAreRefused() {
    assertThat(problems("name: [unclosed\n")).singleElement().asString().startsWith("study.yaml:2: YAML syntax error");
    assertThat(problems("name: s\n")).containsExactly("study.yaml:1: cases: missing");
  }
}
