package io.pretrainbench.engine.grid;

import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.engine.registry.PluginKind;
import io.pretrainbench.results.store.CanonicalJson;

/**
 * One plugin with one set of validated parameters: a point of the grid along one axis. A sweep in the grid file becomes
 * several choices.
 *
 * @param version the plugin's version, part of every result's identity
 * @param dataChecksum for corpora and tasks, the fingerprint of their data; empty otherwise
 */
public record PluginChoice(PluginKind kind, String name, String version, Parameters params, String dataChecksum) {
    /** The parameters as a JSON object with sorted keys: the stored and hashed form. */
    public String paramsJson() {
        return CanonicalJson.write(params.canonical());
    }

    /** {@code name@version{params}#checksum}: everything that makes this choice what it is. */
    public String canonical() {
        return name + "@" + version + paramsJson() + (dataChecksum.isEmpty() ? "" : "#" + dataChecksum);
    }

    /** {@code name} or {@code name{k=v,...}} for people. */
    public String label() {
        return params.asMap().isEmpty() ? name : name + paramsJson();
    }
}
