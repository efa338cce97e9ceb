package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.Compute;
import io.pretrainbench.api.ProgressListener;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.data.FeatureMatrix;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderFeatures;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.EncoderStateCodec;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The contract of a {@link PretrainingMethod}: shapes, determinism, bit-exact save/restore, cancellation. */
public abstract class PretrainingMethodContract<T extends PretrainingMethod> extends PluginContract<T> {
  private static final Compute COMPUTE = Compute.cpu(1);

  /** The corpus to pre-train on; by default 256 synthetic 28×28 images. */
  protected Examples corpus() {
    return TckData.images(256, 4, 11).withoutLabels();
  }

  /** Whether the method trains (and must therefore honour cancellation); {@code scratch}-like methods return false. */
  protected boolean trains() {
    return true;
  }

  protected final Encoder pretrain(long seed, Cancellation cancellation) {
    return plugin().pretrain(new PretrainingContext(corpus(), parameters(), seed, COMPUTE, ProgressListener.NONE,
        cancellation));
  }

  protected final FeatureMatrix features(Encoder encoder) {
    return EncoderFeatures.compute(encoder, TckData.images(32, 4, 5), COMPUTE, 16);
  }

  @Test
  void producesAnEncoderForTheCorpusShape() {
    Encoder encoder = pretrain(1, Cancellation.NEVER);
    assertThat(encoder.inputShape()).isEqualTo(corpus().shape());
    assertThat(encoder.featureDim()).isPositive();
    FeatureMatrix f = features(encoder);
    assertThat(f.rows()).isEqualTo(32);
    assertThat(f.columns()).isEqualTo(encoder.featureDim());
    for (float v : f.values()) {
      assertThat(Float.isFinite(v)).isTrue();
    }
  }

  @Test
  void isDeterministicForAFixedSeed() {
    assertThat(features(pretrain(3, Cancellation.NEVER)).values())
        .isEqualTo(features(pretrain(3, Cancellation.NEVER)).values());
  }

  @Test
  void savedAndRestoredEncodersComputeBitIdenticalFeatures() throws Exception {
    Encoder encoder = pretrain(2, Cancellation.NEVER);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EncoderStateCodec.write(encoder.state(), bytes);
    EncoderState read = EncoderStateCodec.read(new ByteArrayInputStream(bytes.toByteArray()));
    Encoder restored = plugin().restore(read);

    assertThat(restored.featureDim()).isEqualTo(encoder.featureDim());
    assertThat(features(restored).values()).isEqualTo(features(encoder).values());
  }

  @Test
  void honoursCancellation() {
    if (!trains()) {
      return;
    }
    assertThatThrownBy(() -> pretrain(1, () -> true)).isInstanceOf(CancellationException.class);
  }

  @Override
  protected final Class<T> kind() {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) PretrainingMethod.class;
    return type;
  }
}
