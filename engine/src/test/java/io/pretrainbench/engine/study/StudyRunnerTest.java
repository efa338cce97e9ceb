package io.pretrainbench.asymptotics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyRunnerTest {
  private final StudySpec spec = new StudySpec(Path.of("tiny.yaml"), "tiny", "", 3, List.of(
      new StudySpec.CaseSpec(new FactorModel(4, List.of(3.0), List.of(1.0), 0.1), 2, List.of(100, 200), 24),
      new StudySpec.CaseSpec(new SpectralContrastive(4, 1, 0.5), 2, List.of(100), 8)));

  @Test
  void resultsDoNotDependOnTheThreadCount() throws InterruptedException {
    List<StudyRow> one = new StudyRunner(1, (c, n, done, total) -> { }).run(spec);
    List<StudyRow> three = new StudyRunner(3, (c, n, done, total) -> { }).run(spec);
    assertThat(three).hasSize(3);
    for (int i = 0; i < one.size(); i++) {
      assertThat(three.get(i).mean()).isEqualTo(one.get(i).mean());
      assertThat(three.get(i).ciLow()).isEqualTo(one.get(i).ciLow());
    }
  }

  @Test
  void rowsCarryTheSizesThePredictionAndAnIntervalAroundTheMean() throws InterruptedException {
    AtomicInteger reported = new AtomicInteger();
    List<StudyRow> rows = new StudyRunner(2, (c, n, done, total) -> reported.incrementAndGet()).run(spec);
    assertThat(reported.get()).isEqualTo(24 + 24 + 8);
    StudyRow first = rows.get(0);
    assertThat(first.caseName()).isEqualTo("factor-model");
    assertThat(first.m()).isEqualTo(200);
    assertThat(first.replicates()).isEqualTo(24);
    assertThat(first.ciLow()).isLessThan(first.mean());
    assertThat(first.ciHigh()).isGreaterThan(first.mean());
    assertThat(first.prediction().limit()).isEqualTo(spec.cases().get(0).study().predict(2).limit());
    assertThat(first.ratio()).isEqualTo(first.mean() / first.prediction().limit());
  }

  @Test
  void writesTheTableTheJsonAndOnePlotPerCase(@TempDir Path dir) throws InterruptedException, IOException {
    List<StudyRow> rows = new StudyRunner(2, (c, n, done, total) -> { }).run(spec);
    List<Path> written = StudyOutput.write(spec, rows, dir);
    assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("asymptotics.csv",
        "asymptotics.json", "factor-model.png", "spectral-contrastive.png");
    List<String> csv = Files.readAllLines(dir.resolve("asymptotics.csv"));
    assertThat(csv).hasSize(4);
    assertThat(csv.get(0)).isEqualTo(StudyOutput.HEADER);
    assertThat(csv.get(1)).startsWith("factor-model,100,200,24,");
    assertThat(Files.readString(dir.resolve("asymptotics.json"))).contains("\"expected_L_squared\"")
        .contains("\"label_noise\" : 0.1");
    byte[] png = Files.readAllBytes(dir.resolve("factor-model.png"));
    assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(StudyOutput.table(rows)).contains("factor-model").contains("spectral-contrastive").contains("ratio");
  }
}
