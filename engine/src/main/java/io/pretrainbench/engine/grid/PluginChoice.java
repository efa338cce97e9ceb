package io.pretrainbench.engine.grid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.engine.registry.PluginKind;

/**
 * One plugin with one set of validated parameters: a point of the grid along one axis. A sweep in the grid file
 * becomes several choices.
 *
 * @param version the plugin's version, part of every result's identity
 * @param dataChecksum for corpora and tasks, the fingerprint of their data; empty otherwise
 */
public record PluginChoice(PluginKind kind, String name, String version, Parameters params, String dataChecksum) {
  private static final ObjectMapper CANONICAL = new ObjectMapper()
      .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  /** The parameters as a JSON object with sorted keys: the stored and hashed form. */
  public String paramsJson() {
    try {
      return CANONICAL.writeValueAsString(params.asMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("parameters are plain values and always serialise", e);
    }
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
