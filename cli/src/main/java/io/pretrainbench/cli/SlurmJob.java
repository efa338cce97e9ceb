package io.pretrainbench.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sbatch script of a submitted run: a job array of {@code workers} tasks, each one {@code pretrain-bench worker} on
 * the run. Resources use SLURM's own option names. The store's password is not in the script: the workers read
 * {@code PGPASSWORD} (sbatch passes the submitting environment on) or {@code ~/.pgpass}.
 *
 * @param maxParallel at most this many tasks at once ({@code %N} of {@code --array}), or 0 for no limit
 * @param partition {@code --partition}, or null for the cluster's default
 * @param time {@code --time} (SLURM's formats, e.g. {@code 2:00:00}), or null
 * @param memory {@code --mem} (e.g. {@code 8G}), or null
 * @param gpusPerTask {@code --gpus-per-task}; 0 for none
 */
record SlurmJob(
        String jobName,
        int workers,
        int maxParallel,
        int cpusPerTask,
        String partition,
        String time,
        String memory,
        int gpusPerTask,
        Path logs,
        List<String> workerCommand) {

    String script() {
        List<String> lines = new ArrayList<>();
        lines.add("#!/bin/bash");
        lines.add("# Written by `pretrain-bench submit`: each task of this array is one worker of the run.");
        lines.add("#SBATCH --job-name=" + jobName);
        lines.add("#SBATCH --array=0-" + (workers - 1) + (maxParallel > 0 ? "%" + maxParallel : ""));
        lines.add("#SBATCH --cpus-per-task=" + cpusPerTask);
        if (partition != null) {
            lines.add("#SBATCH --partition=" + partition);
        }
        if (time != null) {
            lines.add("#SBATCH --time=" + time);
        }
        if (memory != null) {
            lines.add("#SBATCH --mem=" + memory);
        }
        if (gpusPerTask > 0) {
            lines.add("#SBATCH --gpus-per-task=" + gpusPerTask);
        }
        lines.add("#SBATCH --output=" + logs.toAbsolutePath() + "/%x-%A_%a.log");
        lines.add("set -euo pipefail");
        StringBuilder exec = new StringBuilder("exec");
        for (String word : workerCommand) {
            exec.append(' ').append(quote(word));
        }
        exec.append(" --worker-id \"slurm-${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}\"");
        lines.add(exec.toString());
        return String.join("\n", lines) + "\n";
    }

    /** A word for bash: as is when it is plainly safe, else single-quoted. */
    static String quote(String word) {
        return word.matches("[A-Za-z0-9_@%+=:,./-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
