package io.pretrainbench.api;

/** Training diverged: a loss became NaN or infinite. The host stores the cell as failed with this message. */
public final class NonFiniteLossException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NonFiniteLossException(String phase, int step, double loss) {
        super("non-finite loss " + loss + " in phase '" + phase + "' at step " + step);
    }
}
