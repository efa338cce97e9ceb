package io.pretrainbench.engine.planted;

import io.pretrainbench.methods.Scratch;

/** A deliberate violation for {@code LayeringTest}: engine code naming a plugin class instead of discovering it. */
public final class EngineReachingIntoAPlugin {
    public String name() {
        return new Scratch().descriptor().name();
    }
}
