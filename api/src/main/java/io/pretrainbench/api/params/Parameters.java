package io.pretrainbench.api.params;

import io.pretrainbench.api.PluginDescriptor;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plugin's parameter values after validation: every declared parameter present (defaults filled in), each of its
 * declared type. Iteration order is sorted by name, so {@link #toString()} is a canonical form fit for hashing.
 */
public final class Parameters {
    private final Map<String, Object> values;
    private final Map<String, Object> canonical;

    private Parameters(Map<String, Object> values, Map<String, Object> canonical) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        this.canonical = Collections.unmodifiableMap(new TreeMap<>(canonical));
    }

    /** Parameters of a plugin with no schema entries, or for tests. Values are not checked. */
    public static Parameters empty() {
        return new Parameters(Map.of(), Map.of());
    }

    /**
     * Validates raw values against the descriptor's schema and fills in defaults; see {@link PluginDescriptor#resolve}.
     */
    public static Parameters resolve(PluginDescriptor descriptor, Map<String, ?> raw) {
        for (String key : raw.keySet()) {
            if (descriptor.parameter(key).isEmpty()) {
                throw new InvalidParameterException(
                        key,
                        "plugin '" + descriptor.name() + "' has no such parameter; valid: "
                                + descriptor.parameters().stream()
                                        .map(ParameterSpec::name)
                                        .toList());
            }
        }
        Map<String, Object> values = new TreeMap<>();
        Map<String, Object> canonical = new TreeMap<>();
        for (ParameterSpec spec : descriptor.parameters()) {
            Object value =
                    raw.containsKey(spec.name()) ? spec.coerce(raw.get(spec.name()), "value") : spec.defaultValue();
            values.put(spec.name(), value);
            if (!(spec.omitDefault() && value.equals(spec.defaultValue()))) {
                canonical.put(spec.name(), value);
            }
        }
        return new Parameters(values, canonical);
    }

    public long getLong(String name) {
        return (Long) get(name, Long.class);
    }

    /** An integer parameter as an int; the schema's range keeps it inside int. */
    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public double getDouble(String name) {
        return (Double) get(name, Double.class);
    }

    public boolean getBoolean(String name) {
        return (Boolean) get(name, Boolean.class);
    }

    public String getString(String name) {
        return (String) get(name, String.class);
    }

    /** A {@link ParameterType#REAL_LIST} parameter: unmodifiable, never empty. */
    @SuppressWarnings("unchecked")
    public List<Double> getRealList(String name) {
        return (List<Double>) get(name, List.class);
    }

    private Object get(String name, Class<?> type) {
        Object value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'; present: " + values.keySet());
        }
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("parameter '" + name + "' is a "
                    + value.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return value;
    }

    /** All values, sorted by name. */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * The values that identify a configuration, sorted by name: all of them except parameters declared
     * {@link ParameterSpec#omittedAtDefault()} that have their default value (SPI 1.3). Hosts hash and store these.
     */
    public Map<String, Object> canonical() {
        return canonical;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** Canonical form: {@code {a=1, b=x}} with keys sorted. */
    @Override
    public String toString() {
        return values.toString();
    }
}
