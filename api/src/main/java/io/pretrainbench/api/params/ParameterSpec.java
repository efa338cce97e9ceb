package io.pretrainbench.api.params;

import java.util.List;
import java.util.Objects;

/**
 * One typed parameter of a plugin. Build it with the static factories; the canonical constructor checks that the
 * default lies inside the declared range or choices, so a plugin cannot ship an inconsistent schema.
 *
 * @param name lower-case key used in grid files, words joined by '_' (for example {@code mask_ratio})
 * @param type value type
 * @param defaultValue the value used when the grid does not set one, already of the type's Java class
 * @param min inclusive lower bound for numeric types, or null
 * @param max inclusive upper bound for numeric types, or null
 * @param choices the allowed values of a {@link ParameterType#CHOICE}, empty otherwise
 * @param doc one line for users: what it controls, and its unit
 * @param omitDefault whether the parameter is left out of the plugin's canonical parameters (cell ids, stored
 *     parameters) while it has its default value (SPI 1.3): see {@link #omittedAtDefault()}
 */
public record ParameterSpec(
        String name,
        ParameterType type,
        Object defaultValue,
        Double min,
        Double max,
        List<String> choices,
        String doc,
        boolean omitDefault) {

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter name '" + name + "' must be lower_snake_case");
        }
        Objects.requireNonNull(type, "type of " + name);
        choices = List.copyOf(choices == null ? List.of() : choices);
        if (type == ParameterType.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("choice parameter '" + name + "' lists no choices");
        }
        if (doc == null || doc.isBlank()) {
            throw new IllegalArgumentException("parameter '" + name + "' has no doc line");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("parameter '" + name + "': min " + min + " > max " + max);
        }
        // The default must itself be valid: a schema whose default is out of range is a plugin bug.
        defaultValue = coerce(name, type, min, max, choices, defaultValue, "default");
    }

    /** A parameter that is always part of the canonical parameters (the SPI 1.2 constructor). */
    public ParameterSpec(
            String name,
            ParameterType type,
            Object defaultValue,
            Double min,
            Double max,
            List<String> choices,
            String doc) {
        this(name, type, defaultValue, min, max, choices, doc, false);
    }

    /**
     * This parameter, left out of the plugin's canonical parameters while it has its default value (SPI 1.3). For a
     * parameter added to a plugin that already has stored results, whose default does exactly what the plugin did
     * before: cells that leave it at the default keep their ids (and their stored results and cached encoders stay
     * valid), while a cell that sets it gets an id of its own. The plugin's version need not change.
     */
    public ParameterSpec omittedAtDefault() {
        return new ParameterSpec(name, type, defaultValue, min, max, choices, doc, true);
    }

    public static ParameterSpec integer(String name, long defaultValue, long min, long max, String doc) {
        return new ParameterSpec(name, ParameterType.INTEGER, defaultValue, (double) min, (double) max, List.of(), doc);
    }

    public static ParameterSpec real(String name, double defaultValue, double min, double max, String doc) {
        return new ParameterSpec(name, ParameterType.REAL, defaultValue, min, max, List.of(), doc);
    }

    public static ParameterSpec bool(String name, boolean defaultValue, String doc) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, defaultValue, null, null, List.of(), doc);
    }

    public static ParameterSpec string(String name, String defaultValue, String doc) {
        return new ParameterSpec(name, ParameterType.STRING, defaultValue, null, null, List.of(), doc);
    }

    /** A non-empty list of reals, each in [min, max]: eigenvalues, coefficients, one entry per factor. */
    public static ParameterSpec realList(String name, List<Double> defaultValue, double min, double max, String doc) {
        return new ParameterSpec(name, ParameterType.REAL_LIST, defaultValue, min, max, List.of(), doc);
    }

    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String doc) {
        return new ParameterSpec(name, ParameterType.CHOICE, defaultValue, null, null, choices, doc);
    }

    /** What a valid value looks like, for error messages: "integer in [1, 1000]", "one of [a, b]". */
    public String describeValid() {
        return describeValid(type, min, max, choices);
    }

    private static String describeValid(ParameterType type, Double min, Double max, List<String> choices) {
        return switch (type) {
            case INTEGER, REAL -> type.yamlName() + range(type, min, max);
            case BOOLEAN -> "true or false";
            case STRING -> "a string";
            case CHOICE -> "one of " + choices;
            case REAL_LIST -> "a non-empty list of reals" + range(type, min, max);
        };
    }

    private static String range(ParameterType type, Double min, Double max) {
        if (min == null && max == null) {
            return "";
        }
        return " in [" + bound(type, min, "-inf") + ", " + bound(type, max, "inf") + "]";
    }

    private static String bound(ParameterType type, Double value, String none) {
        if (value == null) {
            return none;
        }
        return type == ParameterType.INTEGER ? Long.toString(value.longValue()) : value.toString();
    }

    /**
     * Converts a raw value (as parsed from YAML or JSON) to this parameter's Java type.
     *
     * @param where what to call the value in an error, such as "value" or "default"
     * @throws InvalidParameterException if the value has the wrong type or lies outside the range or choices
     */
    public Object coerce(Object raw, String where) {
        return coerce(name, type, min, max, choices, raw, where);
    }

    private static Object coerce(
            String name, ParameterType type, Double min, Double max, List<String> choices, Object raw, String where) {
        Object value =
                switch (type) {
                    case INTEGER -> toLong(raw);
                    case REAL -> raw instanceof Number n ? (Object) n.doubleValue() : null;
                    case BOOLEAN -> raw instanceof Boolean ? raw : null;
                    case STRING, CHOICE -> raw instanceof String ? raw : null;
                    case REAL_LIST -> toReals(raw);
                };
        String valid = describeValid(type, min, max, choices);
        if (value == null) {
            throw new InvalidParameterException(name, where + " " + show(raw) + " is not " + valid);
        }
        for (Object element : value instanceof List<?> list ? list : List.of(value)) {
            if (element instanceof Number n) {
                double d = n.doubleValue();
                if (Double.isNaN(d) || (min != null && d < min) || (max != null && d > max)) {
                    throw new InvalidParameterException(
                            name, where + " " + show(raw) + " is out of range: expected " + valid);
                }
            }
        }
        if (type == ParameterType.CHOICE && !choices.contains(value)) {
            throw new InvalidParameterException(name, where + " " + show(raw) + " is not " + valid);
        }
        return value;
    }

    private static Long toLong(Object raw) {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return ((Number) raw).longValue();
        }
        if (raw instanceof java.math.BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        if (raw instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return d.longValue();
        }
        return null;
    }

    /** A non-empty list of numbers as doubles, or null if {@code raw} is anything else. */
    private static List<Double> toReals(Object raw) {
        if (!(raw instanceof List<?> list) || list.isEmpty()) {
            return null;
        }
        List<Double> reals = new java.util.ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof Number n)) {
                return null;
            }
            reals.add(n.doubleValue());
        }
        return List.copyOf(reals);
    }

    private static String show(Object raw) {
        return raw instanceof String s ? "'" + s + "'" : String.valueOf(raw);
    }
}
