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
 * A third-party pre-training method, built outside PretrainBench against its SPI only: principal component analysis
 * (the linear special case of spectral pre-training), fitted by block power iteration in plain Java.
 */
public final class PcaMethod implements PretrainingMethod {
  @Override
  public PluginDescriptor descriptor() {
    return new PluginDescriptor("pca", "1.0.0", "Principal components of the corpus as a linear encoder.",
        SpiVersion.CURRENT, List.of(
            ParameterSpec.integer("components", 32, 1, 256, "number of principal components (feature width)"),
            ParameterSpec.integer("max_examples", 2000, 10, 60000, "corpus examples used to fit"),
            ParameterSpec.integer("iterations", 20, 1, 200, "power-iteration sweeps")));
  }

  @Override
  public Encoder pretrain(PretrainingContext context) {
    Examples corpus = context.corpus();
    int n = Math.min(corpus.count(), context.params().getInt("max_examples"));
    int d = corpus.exampleSize();
    int k = context.params().getInt("components");
    float[] row = new float[d];
    double[] mean = new double[d];
    double[][] x = new double[n][d];
    for (int i = 0; i < n; i++) {
      corpus.copyRow(i, row, 0);
      for (int j = 0; j < d; j++) {
        x[i][j] = row[j];
        mean[j] += row[j] / n;
      }
    }
    for (double[] r : x) {
      for (int j = 0; j < d; j++) {
        r[j] -= mean[j];
      }
    }
    Random random = new Random(context.seed());
    double[][] basis = new double[k][d];
    for (double[] b : basis) {
      for (int j = 0; j < d; j++) {
        b[j] = random.nextGaussian();
      }
    }
    int iterations = context.params().getInt("iterations");
    for (int it = 0; it < iterations; it++) {
      context.cancellation().checkpoint();
      double[][] next = new double[k][d];
      for (double[] r : x) { // next = basis · Xᵀ X
        for (int c = 0; c < k; c++) {
          double dot = 0;
          for (int j = 0; j < d; j++) {
            dot += r[j] * basis[c][j];
          }
          for (int j = 0; j < d; j++) {
            next[c][j] += dot * r[j];
          }
        }
      }
      orthonormalise(next);
      basis = next;
      context.progress().step("pretrain", it + 1, iterations, residual(x, basis));
    }
    float[] kernel = new float[d * k];
    float[] shift = new float[d];
    for (int j = 0; j < d; j++) {
      shift[j] = (float) mean[j];
      for (int c = 0; c < k; c++) {
        kernel[j * k + c] = (float) basis[c][j];
      }
    }
    return new PcaEncoder(corpus.shape(), new Weights(Map.of(
        "mean", new WeightTensor(new long[] {d}, shift), "kernel", new WeightTensor(new long[] {d, k}, kernel))));
  }

  @Override
  public Encoder restore(EncoderState state) {
    int[] shape = Arrays.stream(state.config().get("input_shape").split(",")).mapToInt(Integer::parseInt).toArray();
    return new PcaEncoder(shape, state.weights());
  }

  private static void orthonormalise(double[][] vectors) {
    for (int a = 0; a < vectors.length; a++) {
      for (int b = 0; b < a; b++) {
        double dot = 0;
        for (int j = 0; j < vectors[a].length; j++) {
          dot += vectors[a][j] * vectors[b][j];
        }
        for (int j = 0; j < vectors[a].length; j++) {
          vectors[a][j] -= dot * vectors[b][j];
        }
      }
      double norm = Math.sqrt(Arrays.stream(vectors[a]).map(v -> v * v).sum());
      for (int j = 0; j < vectors[a].length; j++) {
        vectors[a][j] /= norm;
      }
    }
  }

  /** Mean squared reconstruction error of the centred data in the current basis: the loss PCA minimises. */
  private static double residual(double[][] x, double[][] basis) {
    double total = 0;
    for (double[] r : x) {
      double norm = 0;
      double projected = 0;
      for (double v : r) {
        norm += v * v;
      }
      for (double[] b : basis) {
        double dot = 0;
        for (int j = 0; j < r.length; j++) {
          dot += r[j] * b[j];
        }
        projected += dot * dot;
      }
      total += norm - projected;
    }
    return total / x.length;
  }

  /** features = (x − mean) · kernel. */
  static final class PcaEncoder implements Encoder {
    private final int[] inputShape;
    private final Weights weights;

    PcaEncoder(int[] inputShape, Weights weights) {
      this.inputShape = inputShape.clone();
      this.weights = weights;
    }

    @Override
    public int[] inputShape() {
      return inputShape.clone();
    }

    @Override
    public int featureDim() {
      return (int) weights.get("kernel").shape()[1];
    }

    @Override
    public EncoderState state() {
      String shape = String.join(",", Arrays.stream(inputShape).mapToObj(Integer::toString).toList());
      return new EncoderState("pca", Map.of("input_shape", shape), weights);
    }

    @Override
    public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
      Operand<TFloat32> mean = constant(tf, weights.get("mean"));
      Operand<TFloat32> kernel = constant(tf, weights.get("kernel"));
      Map<String, Variable<TFloat32>> variables = Map.of();
      if (mode == EncoderMode.TRAINABLE) {
        Variable<TFloat32> m = tf.variable(mean);
        Variable<TFloat32> w = tf.variable(kernel);
        variables = Map.of("mean", m, "kernel", w);
        mean = m;
        kernel = w;
      }
      int d = weights.get("mean").size();
      Operand<TFloat32> flat = tf.reshape(input, tf.constant(new long[] {-1, d}));
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
