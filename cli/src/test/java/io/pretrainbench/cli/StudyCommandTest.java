package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AsymptoticsCommandTest {
  private record Outcome(int exitCode, String out, String err) {}

  private static Outcome run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void runsAStudyPrintsTheTableAndWritesTheFiles(@TempDir Path dir) throws Exception {
    Path study = dir.resolve("study.yaml");
    Files.writeString(study, """
        name: tiny
        seed: 1
        cases:
          - case: factor-model
            alpha: 2
            n: [100, 200]
            replicates: 8
            params: {d: 4, loadings: [3.0], beta: [1.0], label_noise: 0.1}
        """);
    Path out = dir.resolve("out");
    Outcome outcome = run("asymptotics", study.toString(), "--out", out.toString(), "--threads", "2");
    assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(Main.OK);
    assertThat(outcome.out()).contains("factor-model").contains("predicted").contains("ratio");
    assertThat(outcome.err()).contains("factor-model n=200: 8/8 replicates");
    assertThat(out.resolve("asymptotics.csv")).exists();
    assertThat(out.resolve("asymptotics.json")).exists();
    assertThat(out.resolve("factor-model.png")).exists();
  }

  @Test
  void aMalformedStudyFileIsBadInputWithFileAndLine(@TempDir Path dir) throws Exception {
    Path study = dir.resolve("bad.yaml");
    Files.writeString(study, """
        name: bad
        cases:
          - case: factor-model
            alpha: 2
            n: [100]
            replicates: one
        """);
    Outcome outcome = run("asymptotics", study.toString(), "--out", dir.resolve("out").toString());
    assertThat(outcome.exitCode()).isEqualTo(Main.BAD_INPUT);
    assertThat(outcome.err()).contains(study + ":6: cases[0].replicates: 'one' is not an integer");
    assertThat(dir.resolve("out")).doesNotExist();
  }
}
