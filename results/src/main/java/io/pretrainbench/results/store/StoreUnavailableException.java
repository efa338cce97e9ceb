package io.pretrainbench.results.store;

/** The store could not be reached for longer than its patience: the caller stops cleanly, nothing stored is lost. */
public final class StoreUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }
}
