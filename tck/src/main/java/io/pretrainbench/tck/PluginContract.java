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
 * Checks every plugin kind shares: a valid descriptor, registration as a service (and instantiation through it), and
 * refusal of bad parameters (unknown key, wrong type, a value outside a numeric range or the choices) with an
 * {@link InvalidParameterException} naming the key.
 *
 * <p>A concrete test implements {@link #plugin()}; {@link #fastParameters()} shrinks the kit's runs (fewer epochs,
 * smaller data). Each kind's contract fixes {@link #kind()}.
 *
 * @param <T> the plugin kind's interface
 */
public abstract class PluginContract<T extends Plugin> {
    private T instance;

    /** The plugin under test. */
    protected abstract T plugin();

    /**
     * The plugin instance of the running test: {@link #plugin()} called once per test, because the host too creates one
     * instance and calls it for every cell (so "stable" and "deterministic" mean: across calls on one instance).
     */
    protected final T instance() {
        if (instance == null) {
            instance = plugin();
        }
        return instance;
    }

    /** The SPI interface the plugin is registered under. */
    protected abstract Class<T> kind();

    /** Parameter values that keep the kit's runs short (e.g. few epochs); defaults fill in the rest. */
    protected Map<String, Object> fastParameters() {
        return Map.of();
    }

    protected final Parameters parameters() {
        return instance().descriptor().resolve(fastParameters());
    }

    @Test
    void descriptorIsComplete() {
        PluginDescriptor d = instance().descriptor();
        assertThat(d.name()).matches(PluginDescriptor.NAME);
        assertThat(d.version()).isNotBlank();
        assertThat(d.summary()).isNotBlank().doesNotContain("\n");
        assertThat(SpiVersion.isCompatible(d.spiVersion(), SpiVersion.CURRENT))
                .as("built for SPI %s, host has %s", d.spiVersion(), SpiVersion.CURRENT)
                .isTrue();
        assertThatCode(d::defaults).as("every default lies inside its range").doesNotThrowAnyException();
        assertThatCode(this::parameters).as("fastParameters() fit the schema").doesNotThrowAnyException();
        assertThat(instance().descriptor()).as("descriptor() is stable").isEqualTo(d);
    }

    @Test
    void isRegisteredAsAService() {
        List<ServiceLoader.Provider<T>> registered = ServiceLoader.load(
                        kind(), getClass().getClassLoader())
                .stream()
                .filter(p -> p.type().equals(instance().getClass()))
                .toList();
        assertThat(registered)
                .as(
                        "META-INF/services/%s lists %s",
                        kind().getName(), instance().getClass().getName())
                .isNotEmpty();
        // The host instantiates plugins through ServiceLoader: a public no-argument constructor must give the same
        // plugin.
        assertThat(registered.get(0).get().descriptor())
                .as("descriptor of the ServiceLoader-created instance")
                .isEqualTo(instance().descriptor());
    }

    @Test
    void unknownParametersAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> instance().descriptor().resolve(with("no_such_parameter", 1)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("no_such_parameter");
    }

    @Test
    void wrongTypesAreRefusedNamingTheKey() {
        for (ParameterSpec p : instance().descriptor().parameters()) {
            Object wrongType = p.type() == ParameterType.BOOLEAN ? "yes-please" : List.of(1, 2);
            assertRefused(p, wrongType, "is not");
            if (p.type() == ParameterType.CHOICE) {
                assertRefused(p, "no-such-choice", "is not one of");
            }
        }
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheKey() {
        for (ParameterSpec p : instance().descriptor().parameters()) {
            if (p.max() != null && p.max() < Long.MAX_VALUE / 2) {
                assertRefused(
                        p,
                        p.type() == ParameterType.INTEGER
                                ? (Object) (p.max().longValue() + 1)
                                : (Object) (p.max() + Math.abs(p.max()) + 1),
                        "out of range");
            }
            if (p.min() != null && p.min() > Long.MIN_VALUE / 2) {
                assertRefused(
                        p,
                        p.type() == ParameterType.INTEGER
                                ? (Object) (p.min().longValue() - 1)
                                : (Object) (p.min() - Math.abs(p.min()) - 1),
                        "out of range");
            }
        }
    }

    private void assertRefused(ParameterSpec p, Object value, String problem) {
        assertThatThrownBy(() -> instance().descriptor().resolve(with(p.name(), value)))
                .as("parameter '%s' = %s", p.name(), value)
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.key())
                        .isEqualTo(p.name()))
                .hasMessageContaining(p.name())
                .hasMessageContaining(problem);
    }

    private Map<String, Object> with(String key, Object value) {
        Map<String, Object> raw = new HashMap<>(fastParameters());
        raw.put(key, value);
        return raw;
    }
}
