package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --device} from the real launcher on a machine without a GPU (these tests assume the default, CPU-only
 * build): a GPU asked for is refused in one line before anything is written, {@code auto} runs on the CPU and says so.
 */
class DeviceIT {
    private static final String ONE_CELL = CliIT.SMALL_GRID
            .replace("\n    - {name: autoencoder, params: {hidden: \"64\", epochs: 1, max_examples: 1000}}", "")
            .replace("seeds: [0, 1]", "seeds: [0]");

    @TempDir
    Path work;

    @Test
    void aGpuWithoutOneExitsTwoWithOneLineSayingWhyAndLeavesNoStore() throws Exception {
        Files.writeString(work.resolve("grid.yaml"), ONE_CELL);

        for (String device : new String[] {"gpu", "gpu:1"}) {
            Cli.Outcome outcome = Cli.run(work, "run", "grid.yaml", "--device", device, "--results", "gpu.db");

            assertThat(outcome.exitCode()).as(device).isEqualTo(Main.BAD_INPUT);
            assertThat(outcome.err().strip().lines())
                    .as(device)
                    .hasSize(1)
                    .first()
                    .asString()
                    .startsWith("error: --device " + device + ": TensorFlow sees no GPU (devices: /device:CPU:0)")
                    .contains("CPU-only native library linux-x86_64")
                    .contains("mvn -Pgpu package");
            assertThat(work.resolve("gpu.db")).doesNotExist();
            assertThat(work.resolve("encoders")).doesNotExist();
        }
    }

    @Test
    void aMistypedDeviceNamesTheOptionAndWhatIsValid() throws Exception {
        Files.writeString(work.resolve("grid.yaml"), ONE_CELL);

        Cli.Outcome outcome = Cli.run(work, "run", "grid.yaml", "--device", "cuda", "--results", "x.db");

        assertThat(outcome.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(outcome.err().strip().lines())
                .hasSize(1)
                .first()
                .asString()
                .isEqualTo("error: --device 'cuda' is not a device; use cpu, gpu, gpu:N (N = a GPU's index, from 0) or"
                        + " auto");
        assertThat(work.resolve("x.db")).doesNotExist();
    }

    @Test
    void autoRunsOnTheCpuHereAndSaysSo() throws Exception {
        Files.writeString(work.resolve("grid.yaml"), ONE_CELL);

        Cli.Outcome outcome = Cli.run(work, "run", "grid.yaml", "--device", "auto", "--results", "auto.db");

        assertThat(outcome.exitCode()).as(outcome.err()).isZero();
        assertThat(outcome.err().lines())
                .contains("--device auto: running on /cpu:0 (TensorFlow sees [/device:CPU:0])");
        Cli.Outcome runs = Cli.run(work, "leaderboard", "--results", "auto.db");
        assertThat(runs.exitCode()).isZero();
        assertThat(runs.out()).contains("scratch");
    }
}
