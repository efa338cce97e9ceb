package io.pretrainbench.methods;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.WeightTensor;
import io.pretrainbench.api.model.Weights;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.nn.Adam;
import io.pretrainbench.nn.Minibatches;
import io.pretrainbench.nn.Sessions;
import io.pretrainbench.nn.Transformer;
import io.pretrainbench.nn.VitEncoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Masked autoencoder (He et al., 2022), the mask-reconstruction pre-training of the papers: a random
 * {@code mask_ratio} of each image's patches is removed, the ViT encoder sees only the visible patches, a light
 * Transformer decoder receives the encoded visible tokens plus a shared learned mask token at every masked position
 * (with position embeddings), and predicts the pixels of every patch; the loss is the mean squared error on the masked
 * patches only, against per-patch normalised pixels when {@code norm_pix} is set. AdamW with linear warm-up and
 * cosine decay. Only the encoder is kept.
 */
public final class MaskedAutoencoder implements PretrainingMethod {
  @Override
  public PluginDescriptor descriptor() {
    List<ParameterSpec> params = new ArrayList<>(VitArchitecture.PARAMETERS);
    params.addAll(List.of(
        ParameterSpec.real("mask_ratio", 0.75, 0.05, 0.95, "share of patches masked per image"),
        ParameterSpec.bool("norm_pix", true, "reconstruct per-patch normalised pixels (MAE's default)"),
        ParameterSpec.integer("decoder_width", 64, 8, 1024, "decoder token width (multiple of 4 and of heads)"),
        ParameterSpec.integer("decoder_depth", 1, 1, 8, "decoder blocks"),
        ParameterSpec.integer("epochs", 10, 1, 1000, "passes over the corpus"),
        ParameterSpec.integer("batch_size", 128, 2, 4096, "images per step"),
        ParameterSpec.real("learning_rate", 1e-3, 1e-6, 1.0, "peak AdamW learning rate"),
        ParameterSpec.real("warmup_epochs", 1, 0, 100, "linear warm-up length, in epochs"),
        ParameterSpec.real("weight_decay", 0.05, 0, 1, "decoupled weight decay on kernels"),
        ParameterSpec.integer("max_examples", 20_000, 1, 1_000_000, "use at most this many corpus images")));
    return new PluginDescriptor("mae", "1.0.0",
        "Masked autoencoder: ViT encoder on visible patches, light decoder reconstructs masked patches (He et al.).",
        SpiVersion.CURRENT, params);
  }

  @Override
  public Encoder pretrain(PretrainingContext context) {
    Parameters p = context.params();
    Examples corpus = context.corpus().first(p.getInt("max_examples"));
    VitEncoder.Config config = VitArchitecture.config(corpus.shape(), p);
    VitEncoder initial = VitEncoder.initialise(config, context.seed());
    int n = config.tokens();
    int keep = Math.max(1, (int) Math.round(n * (1 - p.getDouble("mask_ratio"))));
    int decoderWidth = p.getInt("decoder_width");
    Weights decoderInit = decoderWeights(config, decoderWidth, p.getInt("decoder_depth"),
        new SplittableRandom(context.seed() ^ 0x9E3779B97F4A7C15L));
    Minibatches batches = new Minibatches(corpus, p.getInt("batch_size"), context.seed());
    int batch = batches.batchSize();
    int[] shape = corpus.shape();

    try (Graph graph = new Graph(); Session session = Sessions.open(graph, context.compute())) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(batch, shape[0], shape[1], shape[2])));
      Placeholder<TInt32> keepIndex = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of((long) batch * keep)));
      Placeholder<TInt32> restoreIndex = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of((long) batch * n)));
      Placeholder<TFloat32> mask = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, n)));

      // Encoder on the visible patches only.
      Map<String, Variable<TFloat32>> encoderVariables = new TreeMap<>();
      Transformer.Scope enc = new Transformer.Scope(tf, initial.weights(), EncoderMode.TRAINABLE, encoderVariables);
      Operand<TFloat32> patches = VitEncoder.patchify(tf, images, config);
      Operand<TFloat32> tokens = tf.reshape(initial.embed(enc, patches), tf.constant(new long[] {-1, config.width()}));
      Operand<TFloat32> visible = tf.reshape(tf.gather(tokens, keepIndex, tf.constant(0)),
          tf.constant(new long[] {batch, keep, config.width()}));
      Operand<TFloat32> encoded = initial.encode(enc, visible, keep);

      // Decoder: visible tokens + mask tokens, put back in image order, position embeddings, blocks, pixel head.
      Map<String, Variable<TFloat32>> decoderVariables = new TreeMap<>();
      Transformer.Scope dec = new Transformer.Scope(tf, decoderInit, EncoderMode.TRAINABLE, decoderVariables);
      Operand<TFloat32> x = Transformer.dense(dec, encoded, "decoder_embed", keep, config.width(), decoderWidth);
      Operand<TFloat32> maskTokens = tf.tile(dec.w("mask_token"), tf.constant(new int[] {batch, n - keep, 1}));
      Operand<TFloat32> shuffled = tf.reshape(tf.concat(List.of(x, maskTokens), tf.constant(1)),
          tf.constant(new long[] {-1, decoderWidth}));
      x = tf.reshape(tf.gather(shuffled, restoreIndex, tf.constant(0)), tf.constant(new long[] {batch, n, decoderWidth}));
      x = tf.math.add(x, VitEncoder.positions(tf, config.grid(), decoderWidth));
      for (int i = 0; i < p.getInt("decoder_depth"); i++) {
        x = Transformer.block(dec, x, "decoder_block" + i, n, decoderWidth, heads(decoderWidth), config.mlpRatio());
      }
      x = Transformer.layerNorm(dec, x, "decoder_norm");
      Operand<TFloat32> predicted = Transformer.dense(dec, x, "decoder_pred", n, decoderWidth, config.patchSize());

      Operand<TFloat32> target = patches;
      if (p.getBoolean("norm_pix")) {
        Operand<TInt32> last = tf.constant(-1);
        Operand<TFloat32> mean = tf.math.mean(patches, last, Mean.keepDims(true));
        Operand<TFloat32> centred = tf.math.sub(patches, mean);
        Operand<TFloat32> variance = tf.math.mean(tf.math.square(centred), last, Mean.keepDims(true));
        target = tf.math.mul(centred, tf.math.rsqrt(tf.math.add(variance, tf.constant(1e-6f))));
      }
      Operand<TFloat32> perPatch = tf.math.mean(tf.math.squaredDifference(predicted, target), tf.constant(-1));
      Operand<TFloat32> loss = tf.math.div(tf.sum(tf.math.mul(perPatch, mask), tf.constant(new int[] {0, 1})),
          tf.sum(mask, tf.constant(new int[] {0, 1})));

      List<Variable<TFloat32>> variables = new ArrayList<>(encoderVariables.values());
      variables.addAll(decoderVariables.values());
      List<Variable<TFloat32>> decayed = new ArrayList<>(Adam.kernels(encoderVariables));
      decayed.addAll(Adam.kernels(decoderVariables));
      Adam adam = Adam.minimize(tf, loss, variables, decayed, p.getDouble("weight_decay"));
      session.initialize();

      Random masking = new Random(context.seed() + 17);
      int epochs = p.getInt("epochs");
      int total = epochs * batches.stepsPerEpoch();
      int warmup = (int) Math.round(p.getDouble("warmup_epochs") * batches.stepsPerEpoch());
      int[] keepFlat = new int[batch * keep];
      int[] restoreFlat = new int[batch * n];
      float[] maskValues = new float[batch * n];
      int[] step = {0};
      for (int epoch = 0; epoch < epochs; epoch++) {
        batches.epoch((inputs, labels, rows) -> {
          sampleMasks(masking, batch, n, keep, keepFlat, restoreFlat, maskValues);
          float rate = Adam.warmupCosine(p.getDouble("learning_rate"), step[0], warmup, total);
          try (TFloat32 x0 = Sessions.floats(inputs, batch, shape[0], shape[1], shape[2]);
              TInt32 k0 = Sessions.ints(keepFlat, keepFlat.length);
              TInt32 r0 = Sessions.ints(restoreFlat, restoreFlat.length);
              TFloat32 m0 = Sessions.floats(maskValues, batch, n);
              TFloat32 lr = TFloat32.scalarOf(rate);
              Result r = session.runner().feed(images, x0).feed(keepIndex, k0).feed(restoreIndex, r0).feed(mask, m0)
                  .feed(adam.learningRate(), lr).addTarget(adam.update()).fetch(loss).run()) {
            context.progress().step("pretrain", ++step[0], total, Sessions.scalar(r.get(0)));
          }
        }, context.cancellation());
      }
      return initial.withWeights(Sessions.read(session, encoderVariables));
    }
  }

  /**
   * Per image, a random permutation of the patches: the first {@code keep} are visible. Fills the flat gather indices
   * of the visible tokens, the indices that put [visible..., mask tokens...] back in image order, and the 0/1 mask.
   */
  static void sampleMasks(Random random, int batch, int n, int keep, int[] keepFlat, int[] restoreFlat, float[] mask) {
    int[] order = new int[n];
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      for (int rank = 0; rank < n; rank++) {
        int patch = order[rank];
        if (rank < keep) {
          keepFlat[b * keep + rank] = b * n + patch;
        }
        restoreFlat[b * n + patch] = b * n + rank;
        mask[b * n + patch] = rank < keep ? 0f : 1f;
      }
    }
  }

  private static int heads(int width) {
    return width % 4 == 0 && width >= 32 ? 4 : 1;
  }

  private static Weights decoderWeights(VitEncoder.Config c, int width, int depth, SplittableRandom random) {
    Map<String, WeightTensor> w = new LinkedHashMap<>();
    Transformer.dense(w, "decoder_embed", c.width(), width, random);
    float[] maskToken = new float[width];
    for (int i = 0; i < width; i++) {
      maskToken[i] = (float) (0.02 * random.nextGaussian());
    }
    w.put("mask_token", new WeightTensor(new long[] {1, 1, width}, maskToken));
    for (int i = 0; i < depth; i++) {
      Transformer.initialise(w, "decoder_block" + i, width, c.mlpRatio(), random);
    }
    Transformer.layerNorm(w, "decoder_norm", width);
    Transformer.dense(w, "decoder_pred", width, c.patchSize(), random);
    return new Weights(w);
  }

  @Override
  public Encoder restore(EncoderState state) {
    return VitEncoder.fromState(state);
  }
}
