package io.pretrainbench.api.params;

/** A parameter value that does not fit its schema. The message names the key and says what would be valid. */
public final class InvalidParameterException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public InvalidParameterException(String key, String problem) {
        super("parameter '" + key + "': " + problem);
        this.key = key;
    }

    /** The offending parameter name, so that callers can point at its line in a grid file. */
    public String key() {
        return key;
    }
}
