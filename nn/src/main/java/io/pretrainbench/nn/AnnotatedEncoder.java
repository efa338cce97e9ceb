package io.pretrainbench.nn;

import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderGraph;
import io.pretrainbench.api.model.EncoderMode;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.Weights;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An encoder that carries facts about its pre-training in its state config next to the architecture's settings (today
 * {@link EncoderState#PRETRAIN_HELDOUT_LOSS}), so that they travel with it through the encoder cache and fine-tuning.
 * It computes exactly what the encoder it wraps computes; only {@link #state()} differs.
 */
public final class AnnotatedEncoder implements Encoder {
    /** The config keys that are annotations rather than architecture settings. */
    private static final Set<String> KEYS = Set.of(EncoderState.PRETRAIN_HELDOUT_LOSS);

    private final Encoder encoder;
    private final Map<String, String> annotations;

    private AnnotatedEncoder(Encoder encoder, Map<String, String> annotations) {
        this.encoder = encoder;
        this.annotations = Map.copyOf(annotations);
    }

    /** {@code encoder} with its held-out pre-training loss recorded. */
    public static Encoder withHeldoutLoss(Encoder encoder, double loss) {
        return new AnnotatedEncoder(encoder, Map.of(EncoderState.PRETRAIN_HELDOUT_LOSS, Double.toString(loss)));
    }

    /**
     * Rebuilds what {@link #state()} saved: {@code restore} rebuilds the architecture (it ignores keys it does not
     * know), and the annotations present in the state are put back; without any, the plain encoder is returned.
     */
    public static Encoder restore(EncoderState state, Function<EncoderState, ? extends Encoder> restore) {
        Encoder plain = restore.apply(state);
        Map<String, String> annotations = new TreeMap<>(state.config());
        annotations.keySet().retainAll(KEYS);
        return annotations.isEmpty() ? plain : new AnnotatedEncoder(plain, annotations);
    }

    @Override
    public int[] inputShape() {
        return encoder.inputShape();
    }

    @Override
    public int featureDim() {
        return encoder.featureDim();
    }

    @Override
    public EncoderState state() {
        EncoderState plain = encoder.state();
        Map<String, String> config = new TreeMap<>(plain.config());
        config.putAll(annotations);
        return new EncoderState(plain.architecture(), config, plain.weights());
    }

    @Override
    public EncoderGraph build(Ops tf, Operand<TFloat32> input, EncoderMode mode) {
        return encoder.build(tf, input, mode);
    }

    /** Fine-tuning keeps the annotations: they describe how the encoder was pre-trained. */
    @Override
    public Encoder withWeights(Weights weights) {
        return new AnnotatedEncoder(encoder.withWeights(weights), annotations);
    }
}
