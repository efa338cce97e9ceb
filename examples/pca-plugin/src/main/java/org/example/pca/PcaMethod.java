package org.example.pca;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Principal component analysis as a pre-training method: the top {@code components} directions of variance of the
 * corpus become a linear encoder {@code features = (x − mean) · W}. PCA is the linear special case of
 * reconstruction pre-training (the optimal rank-k linear autoencoder spans the same subspace; Baldi &amp; Hornik
 * 1989), so it is a natural baseline between random features ({@code scratch}) and a trained autoencoder.
 *
 * <p>The fit runs in plain Java, in double precision: the corpus covariance C (d × d), then orthogonal iteration
 * (block power iteration with Gram–Schmidt; Golub &amp; Van Loan, <i>Matrix Computations</i>) for its top-k
 * eigenvectors, each eigenvalue λ_c being the variance along its vector. The reported loss is the variance the
 * components leave unexplained, trace(C) − Σλ_c, which PCA minimises. Each vector's sign is fixed (largest coordinate
 * positive), so the result depends on the seed only through convergence. With {@code whiten} the columns of W are
 * divided by √(λ_c + ε): once converged, features are uncorrelated with unit variance on the corpus.
 *
 * <p>This file is self-contained on purpose (the encoder is a nested class): PretrainBench's own tests compile it
 * alone against the SPI, as a third party would.
 */
public final class PcaMethod implements PretrainingMethod {
  static final String ARCHITECTURE = "pca";
  /**
   * Weight names. A name ending in {@code /kernel} marks a weight matrix: the built-in {@code fine-tune} protocol
   * applies decoupled weight decay to those and not to shifts such as the mean.
   */
  static final String KERNEL = "pca/kernel";
  static final String MEAN = "pca/mean";

  /** Whitening divides by √(λ + ε): ε, relative to the largest λ, keeps near-zero-variance directions finite. */
  private static final double RELATIVE_EPSILON = 1e-6;

  @Override
  public PluginDescriptor descriptor() {
    return new PluginDescriptor("pca", "1.1.0",
        "Principal components of the corpus as a linear encoder (optionally whitened).", SpiVersion.CURRENT, List.of(
            ParameterSpec.integer("components", 32, 1, 4096, "number of principal components (the feature width)"),
            ParameterSpec.bool("whiten", false, "scale each component to unit variance on the corpus"),
            ParameterSpec.integer("max_examples", 10_000, 10, 60_000, "corpus examples used to fit (the first ones)"),
            ParameterSpec.integer("iterations", 30, 1, 1_000, "orthogonal-iteration sweeps")));
  }

  @Override
  public Encoder pretrain(PretrainingContext context) {
    Parameters p = context.params();
    Examples corpus = context.corpus().first(p.getInt("max_examples"));
    int n = corpus.count();
    int d = corpus.exampleSize();
    int k = p.getInt("components");
    if (k > d || k >= n) {
      throw new IllegalArgumentException("parameter 'components': " + k + " components need at most " + d
          + " (the example size) and fewer than the " + n + " corpus examples used; lower 'components' or raise"
          + " 'max_examples'");
    }
    double[] mean = new double[d];
    double[][] covariance = covariance(corpus, mean, context);

    double[][] basis = randomBasis(k, d, context.seed());
    double total = 0;
    for (int j = 0; j < d; j++) {
      total += covariance[j][j];
    }
    int iterations = p.getInt("iterations");
    for (int it = 1; it <= iterations; it++) {
      context.cancellation().checkpoint();
      double[][] next = new double[k][];
      double explained = 0;
      for (int c = 0; c < k; c++) {
        next[c] = multiply(covariance, basis[c]);
        explained += dot(basis[c], next[c]); // Rayleigh quotient: the variance along basis[c]
      }
      orthonormalise(next);
      basis = next;
      context.progress().step("pretrain", it, iterations, total - explained);
    }
    double[] variances = new double[k];
    for (int c = 0; c < k; c++) {
      fixSign(basis[c]);
      variances[c] = dot(basis[c], multiply(covariance, basis[c]));
    }

    boolean whiten = p.getBoolean("whiten");
    double epsilon = RELATIVE_EPSILON * Math.max(variances[0], Double.MIN_NORMAL);
    float[] kernel = new float[d * k];
    for (int c = 0; c < k; c++) {
      double scale = whiten ? 1 / Math.sqrt(Math.max(variances[c], 0) + epsilon) : 1;
      for (int j = 0; j < d; j++) {
        kernel[j * k + c] = (float) (basis[c][j] * scale);
      }
    }
    float[] shift = new float[d];
    for (int j = 0; j < d; j++) {
      shift[j] = (float) mean[j];
    }
    return new PcaEncoder(corpus.shape(), new Weights(Map.of(
        MEAN, new WeightTensor(new long[] {d}, shift),
        KERNEL, new WeightTensor(new long[] {d, k}, kernel))));
  }

  @Override
  public Encoder restore(EncoderState state) {
    if (!ARCHITECTURE.equals(state.architecture())) {
      throw new IllegalArgumentException("pca cannot restore an encoder of architecture '" + state.architecture()
          + "'; it restores only '" + ARCHITECTURE + "'");
    }
    String shape = state.config().get("input_shape");
    if (shape == null) {
      throw new IllegalArgumentException("pca encoder state has no 'input_shape'; config: " + state.config());
    }
    return new PcaEncoder(Arrays.stream(shape.split(",")).mapToInt(Integer::parseInt).toArray(), state.weights());
  }

  /** The covariance (1/n)·Σ(x − μ)(x − μ)ᵀ in double precision; fills {@code mean} with μ. */
  private static double[][] covariance(Examples corpus, double[] mean, PretrainingContext context) {
    int n = corpus.count();
    int d = corpus.exampleSize();
    // Accumulate the uncentred Σxxᵀ and subtract n·μμᵀ at the end: pixels are often exactly 0, so the
    // uncentred rows are sparse and the O(n·d²) loop can skip zeros.
    double[][] sums = new double[d][d];
    float[] row = new float[d];
    for (int i = 0; i < n; i++) {
      if (i % 512 == 0) {
        context.cancellation().checkpoint();
      }
      corpus.copyRow(i, row, 0);
      for (int a = 0; a < d; a++) {
        double xa = row[a];
        mean[a] += xa;
        if (xa == 0) {
          continue;
        }
        double[] target = sums[a];
        for (int b = a; b < d; b++) {
          target[b] += xa * row[b];
        }
      }
    }
    for (int a = 0; a < d; a++) {
      mean[a] /= n;
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        double c = sums[a][b] / n - mean[a] * mean[b];
        sums[a][b] = c;
        sums[b][a] = c;
      }
    }
    return sums;
  }

  /** A seeded Gaussian start; Java's {@link Random} makes it identical on every platform. */
  private static double[][] randomBasis(int k, int d, long seed) {
    Random random = new Random(seed);
    double[][] basis = new double[k][d];
    for (double[] b : basis) {
      for (int j = 0; j < d; j++) {
        b[j] = random.nextGaussian();
      }
    }
    orthonormalise(basis);
    return basis;
  }

  private static double[] multiply(double[][] matrix, double[] vector) {
    double[] out = new double[matrix.length];
    for (int a = 0; a < matrix.length; a++) {
      out[a] = dot(matrix[a], vector);
    }
    return out;
  }

  private static double dot(double[] x, double[] y) {
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += x[j] * y[j];
    }
    return s;
  }

  /** Modified Gram–Schmidt, in place, in order: vector c keeps the direction of largest variance left. */
  private static void orthonormalise(double[][] vectors) {
    for (int a = 0; a < vectors.length; a++) {
      double[] v = vectors[a];
      for (int b = 0; b < a; b++) {
        double projection = dot(v, vectors[b]);
        for (int j = 0; j < v.length; j++) {
          v[j] -= projection * vectors[b][j];
        }
      }
      double norm = Math.sqrt(dot(v, v));
      if (!(norm > 0)) {
        throw new IllegalStateException("pca: the corpus spans fewer than " + vectors.length
            + " dimensions; lower 'components'");
      }
      for (int j = 0; j < v.length; j++) {
        v[j] /= norm;
      }
    }
  }

  /** An eigenvector is defined up to sign; make its largest-magnitude coordinate positive. */
  private static void fixSign(double[] v) {
    int largest = 0;
    for (int j = 1; j < v.length; j++) {
      if (Math.abs(v[j]) > Math.abs(v[largest])) {
        largest = j;
      }
    }
    if (v[largest] < 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] = -v[j];
      }
    }
  }

  /** {@code features = (flatten(x) − mean) · kernel}; weights {@code pca/mean [d]} and {@code pca/kernel [d, k]}. */
  static final class PcaEncoder implements Encoder {
    private final int[] inputShape;
    private final Weights weights;

    PcaEncoder(int[] inputShape, Weights weights) {
      this.inputShape = inputShape.clone();
      this.weights = weights;
      int d = Arrays.stream(inputShape).reduce(1, Math::multiplyExact);
      long[] mean = weights.get(MEAN).shape();
      long[] kernel = weights.get(KERNEL).shape();
      if (mean.length != 1 || mean[0] != d || kernel.length != 2 || kernel[0] != d) {
        throw new IllegalArgumentException("pca weights do not fit input shape " + Arrays.toString(inputShape)
            + ": need " + MEAN + " [" + d + "] and " + KERNEL + " [" + d + ", k], got " + Arrays.toString(mean)
            + " and " + Arrays.toString(kernel));
      }
    }

    @Override
    public int[] inputShape() {
      return inputShape.clone();
    }

    @Override
    public int featureDim() {
      return (int) weights.get(KERNEL).shape()[1];
    }

    @Override
    public EncoderState state() {
      String shape = String.join(",", Arrays.stream(inputShape).mapToObj(Integer::toString).toList());
      return new EncoderState(ARCHITECTURE, Map.of("input_shape", shape), weights);
    }

    @Override
    public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
      Operand<TFloat32> mean = constant(tf, weights.get(MEAN));
      Operand<TFloat32> kernel = constant(tf, weights.get(KERNEL));
      Map<String, Variable<TFloat32>> variables = Map.of();
      if (mode == EncoderMode.TRAINABLE) {
        // Same names as in state(): a fine-tuning protocol reads them back into withWeights(...).
        Variable<TFloat32> m = tf.variable(mean);
        Variable<TFloat32> w = tf.variable(kernel);
        variables = Map.of(MEAN, m, KERNEL, w);
        mean = m;
        kernel = w;
      }
      Operand<TFloat32> flat = tf.reshape(input, tf.constant(new long[] {-1, weights.get(MEAN).size()}));
      return new EncoderGraph(tf.linalg.matMul(tf.math.sub(flat, mean), kernel), variables);
    }

    @Override
    public Encoder withWeights(Weights newWeights) {
      return new PcaEncoder(inputShape, newWeights);
    }

    private static Operand<TFloat32> constant(Ops tf, WeightTensor t) {
      return tf.constant(Shape.of(t.shape()), DataBuffers.of(t.values(), true, false));
    }
  }
}
