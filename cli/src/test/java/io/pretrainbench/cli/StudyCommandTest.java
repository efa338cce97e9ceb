package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.study.CaseStudy;
import io.pretrainbench.engine.registry.PluginJar;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyCommandTest {
    private record Outcome(int exitCode, String out, String err) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A third party's case study, compiled from source into its own jar: R - sigma^2 = scale (sum(weights) / n + 1 /
     * m), so n (R - sigma^2) is exactly its predicted limit scale (sum(weights) + 1 / alpha) in every replicate.
     */
    private static final String TOY_CASE =
            """
      package example;
      import io.pretrainbench.api.*;
      import io.pretrainbench.api.params.*;
      import io.pretrainbench.api.study.*;
      import java.util.List;
      public final class ToyCase implements CaseStudy {
        public PluginDescriptor descriptor() {
          return new PluginDescriptor("toy-case", "0.3.0", "A case whose limit is reached at every n.",
              SpiVersion.CURRENT, List.of(
                  ParameterSpec.real("scale", 1.0, 0.0, 100.0, "overall scale"),
                  ParameterSpec.realList("weights", List.of(1.0), 0.0, 10.0, "summed into the limit")));
        }
        public CaseModel model(StudyContext context) {
          double scale = context.params().getDouble("scale");
          double sum = context.params().getRealList("weights").stream().mapToDouble(Double::doubleValue).sum();
          return new CaseModel() {
            public double excessRisk(int n, int m, long seed) {
              return scale * (sum / n + 1.0 / m);
            }
            public Prediction predict(double alpha) {
              return new Prediction(scale * (sum + 1 / alpha), 0, 0, alpha, scale, Double.NaN);
            }
          };
        }
      }
      """;

    @Test
    void aThirdPartyCaseStudyInAJarIsListedAndRun(@TempDir Path dir) throws Exception {
        new PluginJar()
                .source("example.ToyCase", TOY_CASE)
                .service(CaseStudy.class, "example.ToyCase")
                .write(dir.resolve("plugins/toy.jar"));
        String plugins = dir.resolve("plugins").toString();

        Outcome listed = run("plugins", "--plugins", plugins);
        assertThat(listed.exitCode()).as(listed.err()).isEqualTo(Main.OK);
        assertThat(listed.out())
                .contains("case studies:")
                .contains("toy-case")
                .contains("factor-model")
                .containsPattern("weights +a non-empty list of reals in \\[0.0, 10.0\\], default \\[1.0\\]");
        assertThat(run("plugins", "--json", "--plugins", plugins).out())
                .contains("\"kind\" : \"case-study\"")
                .contains("\"type\" : \"real_list\"");

        Path study = Files.writeString(
                dir.resolve("toy.yaml"),
                """
        name: toy
        seed: 7
        cases:
          - case: toy-case
            alpha: 2
            n: [100, 400]
            replicates: 4
            params: {scale: 2, weights: [0.5, 1]}
        """);
        Outcome ran = run("study", study.toString(), "--out", dir.resolve("out").toString(), "--plugins", plugins);
        assertThat(ran.exitCode()).as(ran.err()).isEqualTo(Main.OK);
        List<String> csv = Files.readAllLines(dir.resolve("out/toy.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(1)).startsWith("toy-case,100,200,4,4.00000,4.00000,4.00000,4.00000,1.0000,,");
        assertThat(csv.get(2)).startsWith("toy-case,400,800,4,4.00000,4.00000,4.00000,4.00000,1.0000,,");
        assertThat(Files.readString(dir.resolve("out/toy.json")))
                .contains("\"version\" : \"0.3.0\"")
                .contains("\"weights\" : [ 0.5, 1.0 ]");
        assertThat(dir.resolve("out/toy-case.png")).exists();
    }

    @Test
    void theAsymptoticsNameStillRunsAStudyPrintsTheTableAndWritesTheFiles(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("study.yaml");
        Files.writeString(
                study,
                """
        name: asymptotics
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
    void averagedEntriesWriteTheirDistancesReplicatesAndPlotsAndSweepsTheirPredictions(@TempDir Path dir)
            throws Exception {
        Path study = dir.resolve("study.yaml");
        Files.writeString(
                study,
                """
        name: paper
        seed: 1
        cases:
          - case: factor-model
            alpha: 2
            n: [100, 200]
            replicates: 30
            label_noise: averaged
            params: {d: 4, loadings: [3.0], beta: [1.0], label_noise: 0.1}
          - case: factor-model
            alpha: 2
            sweep: {d: [4, 6]}
            params: {loadings: [3.0], beta: [1.0]}
        """);
        Path out = dir.resolve("out");
        Outcome outcome = run("study", study.toString(), "--out", out.toString(), "--threads", "2");
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(Main.OK);
        assertThat(outcome.out())
                .contains("KS total")
                .contains("P(var off > 5%)")
                .contains("E||L(Z)||^2");
        List<String> distances = Files.readAllLines(out.resolve("paper-distribution.csv"));
        assertThat(distances).hasSize(3).first().asString().startsWith("case,n,replicates,ks_total,ks_pretraining");
        // d - k = 3, then 5, equal chi^2_1 weights of beta^2 / (s (1 + s)) = 1 / 12 each.
        assertThat(Files.readAllLines(out.resolve("paper-sweep.csv")))
                .contains(
                        "factor-model,d,4,0.300000,1,0.250000,0.425000",
                        "factor-model,d,6,0.300000,1,0.416667,0.508333");
        assertThat(Files.readAllLines(out.resolve("paper-replicates.csv"))).hasSize(1 + 2 * 30);
        for (String png : List.of(
                "factor-model.png",
                "factor-model-cdf-total.png",
                "factor-model-cdf-pretraining.png",
                "factor-model-ks.png",
                "factor-model-sweep-d.png")) {
            assertThat(out.resolve(png)).exists();
        }
    }

    @Test
    void aMalformedStudyFileIsBadInputWithFileAndLine(@TempDir Path dir) throws Exception {
        Path study = dir.resolve("bad.yaml");
        Files.writeString(
                study,
                """
        name: bad
        cases:
          - case: factor-model
            alpha: 2
            n: [100]
            replicates: one
            params: {d: 1}
        """);
        Outcome outcome =
                run("study", study.toString(), "--out", dir.resolve("out").toString());
        assertThat(outcome.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(outcome.err())
                .contains(study + ":6: cases[0].replicates: 'one' is not an integer")
                .contains(study + ":7: cases[0].params.d: case study 'factor-model': value 1 is out of range");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
