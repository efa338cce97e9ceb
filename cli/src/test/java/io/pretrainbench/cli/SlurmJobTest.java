package io.pretrainbench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlurmJobTest {
    @Test
    void theScriptIsAnArrayOfWorkersWithSlurmsOwnOptionNames() {
        SlurmJob job = new SlurmJob(
                "ptb-quick",
                4,
                2,
                3,
                "gpu",
                "4:00:00",
                "8G",
                1,
                Path.of("/shared/logs"),
                List.of("/opt/ptb/bin/pretrain-bench", "worker", "/shared/my grid.yaml", "--run-id", "r1"));
        assertThat(job.script())
                .startsWith("#!/bin/bash\n")
                .contains(
                        "#SBATCH --job-name=ptb-quick\n",
                        "#SBATCH --array=0-3%2\n",
                        "#SBATCH --cpus-per-task=3\n",
                        "#SBATCH --partition=gpu\n",
                        "#SBATCH --time=4:00:00\n",
                        "#SBATCH --mem=8G\n",
                        "#SBATCH --gpus-per-task=1\n",
                        "#SBATCH --output=/shared/logs/%x-%A_%a.log\n")
                .endsWith("exec /opt/ptb/bin/pretrain-bench worker '/shared/my grid.yaml' --run-id r1"
                        + " --worker-id \"slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"\n");
    }

    @Test
    void optionsLeftOutAreNotWritten() {
        String script = new SlurmJob("j", 1, 0, 1, null, null, null, 0, Path.of("/l"), List.of("w")).script();
        assertThat(script).contains("#SBATCH --array=0-0\n").doesNotContain("--partition", "--time", "--mem", "--gpus");
    }

    @Test
    void quotingSurvivesQuotes() {
        assertThat(SlurmJob.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(SlurmJob.quote("/plain/path-1.yaml")).isEqualTo("/plain/path-1.yaml");
    }
}
