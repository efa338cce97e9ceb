package io.pretrainbench.api;

/**
 * The version of this SPI. A plugin records the version it was compiled against by passing {@link #CURRENT} to its
 * {@link PluginDescriptor}: being a compile-time constant, javac copies the value into the plugin's class file, so a
 * jar built against an older SPI keeps reporting that older version when it runs on a newer host.
 *
 * <p>Compatibility follows semantic versioning: a plugin is accepted when its major version equals the host's and its
 * minor version is not newer than the host's.
 */
public final class SpiVersion {
    /** The SPI version of this build. Bump the major on any breaking change to the interfaces or records. */
    public static final String CURRENT = "1.3";

    private SpiVersion() {}

    /**
     * Whether a plugin compiled against {@code pluginVersion} may run on a host providing {@code hostVersion}.
     *
     * @throws IllegalArgumentException if either version is not of the form {@code MAJOR.MINOR}
     */
    public static boolean isCompatible(String pluginVersion, String hostVersion) {
        int[] plugin = parse(pluginVersion);
        int[] host = parse(hostVersion);
        return plugin[0] == host[0] && plugin[1] <= host[1];
    }

    static int[] parse(String version) {
        if (version == null || !version.matches("\\d+\\.\\d+")) {
            throw new IllegalArgumentException(
                    "SPI version '" + version + "' is not of the form MAJOR.MINOR (for example " + CURRENT + ")");
        }
        String[] parts = version.split("\\.");
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
    }
}
