package io.pretrainbench.api.params;

/** The value types a plugin parameter can have, with the Java type a resolved value takes. */
public enum ParameterType {
    /** A whole number; resolved to {@link Long}. */
    INTEGER,
    /** A real number; resolved to {@link Double}. Whole numbers in a grid file are accepted. */
    REAL,
    /** {@code true} or {@code false}; resolved to {@link Boolean}. */
    BOOLEAN,
    /** Free text; resolved to {@link String}. */
    STRING,
    /** One of a fixed list of strings; resolved to {@link String}. */
    CHOICE,
    /**
     * A non-empty list of real numbers, each in the parameter's range; resolved to an unmodifiable
     * {@code List<Double>}. Whole numbers are accepted.
     */
    REAL_LIST;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
