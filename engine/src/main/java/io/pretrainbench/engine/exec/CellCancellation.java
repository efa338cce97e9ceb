package io.pretrainbench.engine.exec;

import io.pretrainbench.api.Cancellation;
import java.time.Duration;

/** A cell's cancellation token: tripped by the watchdog when the cell's time limit passes. */
final class CellCancellation implements Cancellation {
    private volatile String reason;

    @Override
    public boolean isCancelled() {
        return reason != null;
    }

    /** Throws with the reason, so the stored error says why (a time limit) rather than just "cancelled". */
    @Override
    public void checkpoint() {
        String why = reason;
        if (why != null) {
            throw new java.util.concurrent.CancellationException(why);
        }
    }

    void timeOut(Duration limit) {
        reason = "timed out: the cell ran longer than its limit of " + limit.toSeconds()
                + " s (cell_timeout_seconds in the grid file)";
    }

    /** Why the cell was cancelled, or null. */
    String reason() {
        return reason;
    }
}
