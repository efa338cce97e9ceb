package io.pretrainbench.api;

/**
 * The compute a plugin may use for one cell.
 *
 * @param threads CPU threads for TensorFlow's intra-op pool (the host divides its cores between parallel cells)
 * @param device TensorFlow device for graph placement, for example {@code /cpu:0} or {@code /gpu:0}
 */
public record Compute(int threads, String device) {
  public Compute {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    }
    if (device == null || device.isBlank()) {
      throw new IllegalArgumentException("device must be set, for example /cpu:0");
    }
  }

  public static Compute cpu(int threads) {
    return new Compute(threads, "/cpu:0");
  }
}
