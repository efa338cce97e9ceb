package io.pretrainbench.engine.exec;

import java.nio.file.Path;

/**
 * How the local executor runs a grid.
 *
 * @param parallelism cells run at once
 * @param threadsPerCell TensorFlow intra-op threads per cell; the machine's cores divided between parallel cells
 * @param encoderCache folder where pre-trained encoders are saved and found again by later runs
 */
public record ExecutionSettings(int parallelism, int threadsPerCell, Path encoderCache) {
  public ExecutionSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be >= 1, got " + parallelism);
    }
    if (threadsPerCell < 1) {
      throw new IllegalArgumentException("threads per cell must be >= 1, got " + threadsPerCell);
    }
  }

  /** Divides the available processors evenly between the parallel cells. */
  public static ExecutionSettings forParallelism(int parallelism, Path encoderCache) {
    int cores = Runtime.getRuntime().availableProcessors();
    return new ExecutionSettings(parallelism, Math.max(1, cores / Math.max(1, parallelism)), encoderCache);
  }
}
