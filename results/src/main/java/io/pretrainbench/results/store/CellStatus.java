package io.pretrainbench.results.store;

/** A cell is stored once it has finished, one way or the other; re-running a grid retries the failed ones. */
public enum CellStatus {
    SUCCEEDED,
    FAILED
}
