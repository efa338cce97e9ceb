package io.pretrainbench.api.model;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An encoder's forward pass inside a TensorFlow graph.
 *
 * @param features the representation, shape {@code [batch, featureDim]}
 * @param variables the trainable weights by the names used in {@link Weights} (empty in {@link EncoderMode#FROZEN}), so
 *     a fine-tuning protocol can optimise them and read them back with the same names
 */
public record EncoderGraph(Operand<TFloat32> features, Map<String, Variable<TFloat32>> variables) {
    public EncoderGraph {
        variables = Collections.unmodifiableMap(new TreeMap<>(variables));
    }
}
