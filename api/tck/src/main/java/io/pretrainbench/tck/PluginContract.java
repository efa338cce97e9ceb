package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.ParameterType;
import io.pretrainbench.api.params.Parameters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Checks every plugin kind shares: a valid descriptor, registration as a service, and refusal of bad parameters
 * with an error naming the key.
 *
 * @param <T> the plugin kind's interface
 */
public abstract class PluginContract<T extends Plugin> {
  /** The plugin under test. */
  protected abstract T plugin();

  /** The SPI interface the plugin is registered under. */
  protected abstract Class<T> kind();

  /** Parameter values that keep the kit's runs short (e.g. few epochs); defaults fill in the rest. */
  protected Map<String, Object> fastParameters() {
    return Map.of();
  }

  protected final Parameters parameters() {
    return plugin().descriptor().resolve(fastParameters());
  }

  @Test
  void descriptorIsComplete() {
    PluginDescriptor d = plugin().descriptor();
    assertThat(d.name()).matches(PluginDescriptor.NAME);
    assertThat(d.version()).isNotBlank();
    assertThat(d.summary()).isNotBlank().doesNotContain("\n");
    assertThat(SpiVersion.isCompatible(d.spiVersion(), SpiVersion.CURRENT))
        .as("built for SPI %s, host has %s", d.spiVersion(), SpiVersion.CURRENT).isTrue();
    assertThatCode(d::defaults).as("every default lies inside its range").doesNotThrowAnyException();
    assertThatCode(this::parameters).as("fastParameters() fit the schema").doesNotThrowAnyException();
    assertThat(plugin().descriptor()).as("descriptor() is stable").isEqualTo(d);
  }

  @Test
  void isRegisteredAsAService() {
    List<String> registered = ServiceLoader.load(kind(), getClass().getClassLoader()).stream()
        .map(p -> p.type().getName()).toList();
    assertThat(registered).as("META-INF/services/%s lists the plugin", kind().getName())
        .contains(plugin().getClass().getName());
  }

  @Test
  void unknownParametersAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> plugin().descriptor().resolve(Map.of("no_such_parameter", 1)))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("no_such_parameter");
  }

  @Test
  void wrongTypesAndOutOfRangeValuesAreRefusedNamingTheKey() {
    for (ParameterSpec p : plugin().descriptor().parameters()) {
      Object wrongType = p.type() == ParameterType.BOOLEAN ? "yes-please" : List.of(1, 2);
      assertThatThrownBy(() -> plugin().descriptor().resolve(with(p.name(), wrongType)))
          .as(p.name()).isInstanceOf(InvalidParameterException.class).hasMessageContaining(p.name());
      if (p.max() != null && p.max() < Long.MAX_VALUE / 2) {
        Object tooBig = p.type() == ParameterType.INTEGER ? (Object) (p.max().longValue() + 1) : p.max() * 2 + 1;
        assertThatThrownBy(() -> plugin().descriptor().resolve(with(p.name(), tooBig)))
            .as(p.name()).isInstanceOf(InvalidParameterException.class).hasMessageContaining(p.name())
            .hasMessageContaining("out of range");
      }
    }
  }

  private Map<String, Object> with(String key, Object value) {
    Map<String, Object> raw = new HashMap<>(fastParameters());
    raw.put(key, value);
    return raw;
  }
}
