package io.pretrainbench.methods;

import io.pretrainbench.tck.PretrainingMethodContract;
import java.util.Map;

/** {@code scratch} with the CNN architecture passes the same contract. */
class ScratchCnnTest extends PretrainingMethodContract<Scratch> {
    @Override
    protected Scratch plugin() {
        return new Scratch();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("architecture", "cnn", "channels", "8,16");
    }

    @Override
    protected boolean trains() {
        return false;
    }
}
