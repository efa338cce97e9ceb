package io.pretrainbench.methods;

import io.pretrainbench.tck.PretrainingMethodContract;
import java.util.Map;

/** {@code scratch} with the ViT architecture passes the same contract (restore included). */
class ScratchVitTest extends PretrainingMethodContract<Scratch> {
    @Override
    protected Scratch plugin() {
        return new Scratch();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("architecture", "vit", "patch", 7L, "width", 16L, "depth", 1L, "heads", 2L);
    }

    @Override
    protected boolean trains() {
        return false;
    }
}
