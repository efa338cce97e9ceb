package io.pretrainbench.api;

import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Identity and parameter schema of a plugin.
 *
 * @param name unique within its kind, lower-case words joined by '-' (for example {@code mae}, {@code linear-probe})
 * @param version the plugin's own version; it enters every result's identity, so bump it when results would change
 * @param summary one line saying what the plugin does
 * @param spiVersion the SPI version the plugin was compiled against: pass {@link SpiVersion#CURRENT}
 * @param parameters the typed parameters the plugin accepts, in display order
 */
public record PluginDescriptor(
        String name, String version, String summary, String spiVersion, List<ParameterSpec> parameters) {

    /** Names are what users type in grid files and see in results: keep them short and unambiguous. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public PluginDescriptor {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("plugin name '" + name
                    + "' is invalid: use lower-case letters, digits and single '-' (e.g. 'linear-probe')");
        }
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("plugin '" + name + "' has no version");
        }
        if (summary == null || summary.isBlank() || summary.contains("\n")) {
            throw new IllegalArgumentException("plugin '" + name + "' needs a one-line summary");
        }
        SpiVersion.parse(spiVersion);
        parameters = List.copyOf(parameters);
        Set<String> seen = new HashSet<>();
        for (ParameterSpec p : parameters) {
            if (!seen.add(p.name())) {
                throw new IllegalArgumentException("plugin '" + name + "' declares parameter '" + p.name() + "' twice");
            }
        }
    }

    public Optional<ParameterSpec> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    /**
     * Checks raw values (as read from a grid file) against this schema and fills in defaults.
     *
     * @throws io.pretrainbench.api.params.InvalidParameterException naming the plugin, the key and what is valid
     */
    public Parameters resolve(Map<String, ?> raw) {
        return Parameters.resolve(this, raw);
    }

    /** All defaults: what a plugin runs with when the grid gives no parameters. */
    public Parameters defaults() {
        return Parameters.resolve(this, Map.of());
    }
}
