package io.pretrainbench.api.params;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterSpecTest {
    private static final PluginDescriptor PLUGIN = new PluginDescriptor(
            "demo",
            "1.0.0",
            "A demo.",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.integer("epochs", 5, 1, 100, "passes"),
                    ParameterSpec.real("mask_ratio", 0.75, 0.0, 1.0, "share of patches masked"),
                    ParameterSpec.bool("norm_pix", true, "normalise targets"),
                    ParameterSpec.choice("loss", "mse", List.of("mse", "l1"), "reconstruction loss")));

    @Test
    void defaultsAreFilledInAndValuesTyped() {
        Parameters p = PLUGIN.resolve(Map.of("epochs", 7, "mask_ratio", 1));
        assertThat(p.getInt("epochs")).isEqualTo(7);
        assertThat(p.getDouble("mask_ratio")).isEqualTo(1.0);
        assertThat(p.getBoolean("norm_pix")).isTrue();
        assertThat(p.getString("loss")).isEqualTo("mse");
        assertThat(p.toString()).isEqualTo("{epochs=7, loss=mse, mask_ratio=1.0, norm_pix=true}");
    }

    @Test
    void aParameterOmittedAtItsDefaultLeavesTheCanonicalFormAsItWasBeforeItWasAdded() {
        PluginDescriptor grown = new PluginDescriptor(
                "demo",
                "1.0.0",
                "A demo.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.integer("epochs", 5, 1, 100, "passes"),
                        ParameterSpec.bool("flip", false, "mirror images").omittedAtDefault()));
        assertThat(grown.resolve(Map.of()).canonical()).isEqualTo(Map.of("epochs", 5L));
        assertThat(grown.resolve(Map.of("flip", false)).canonical()).isEqualTo(Map.of("epochs", 5L));
        assertThat(grown.resolve(Map.of("flip", true)).canonical()).isEqualTo(Map.of("epochs", 5L, "flip", true));
        assertThat(grown.resolve(Map.of()).asMap()).isEqualTo(Map.of("epochs", 5L, "flip", false));
        assertThat(PLUGIN.defaults().canonical()).isEqualTo(PLUGIN.defaults().asMap());
    }

    @Test
    void badValuesNameTheKeyAndWhatIsValid() {
        assertThatThrownBy(() -> PLUGIN.resolve(Map.of("epochs", 0)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessage("parameter 'epochs': value 0 is out of range: expected integer in [1, 100]");
        assertThatThrownBy(() -> PLUGIN.resolve(Map.of("epochs", 2.5)))
                .hasMessage("parameter 'epochs': value 2.5 is not integer in [1, 100]");
        assertThatThrownBy(() -> PLUGIN.resolve(Map.of("loss", "huber")))
                .hasMessage("parameter 'loss': value 'huber' is not one of [mse, l1]");
        assertThatThrownBy(() -> PLUGIN.resolve(Map.of("norm_pix", "yes")))
                .hasMessage("parameter 'norm_pix': value 'yes' is not true or false");
        assertThatThrownBy(() -> PLUGIN.resolve(Map.of("epoch", 3)))
                .hasMessageContaining("parameter 'epoch'")
                .hasMessageContaining("[epochs, mask_ratio, norm_pix, loss]");
    }

    @Test
    void aDefaultOutsideItsRangeIsAPluginBug() {
        assertThatThrownBy(() -> ParameterSpec.integer("epochs", 0, 1, 10, "passes"))
                .hasMessage("parameter 'epochs': default 0 is out of range: expected integer in [1, 10]");
    }

    @Test
    void aRealListIsAListOfDoublesEachCheckedAgainstTheRange() {
        PluginDescriptor plugin = new PluginDescriptor(
                "factors",
                "1.0.0",
                "A demo.",
                SpiVersion.CURRENT,
                List.of(ParameterSpec.realList(
                        "loadings", List.of(2.0, 1.0), 0.0, 10.0, "eigenvalues, one per factor")));
        assertThat(plugin.defaults().getRealList("loadings")).containsExactly(2.0, 1.0);
        assertThat(plugin.resolve(Map.of("loadings", List.of(4, 0.5))).getRealList("loadings"))
                .containsExactly(4.0, 0.5);
        assertThat(plugin.parameter("loadings").orElseThrow().describeValid())
                .isEqualTo("a non-empty list of reals in [0.0, 10.0]");
        assertThatThrownBy(() -> plugin.resolve(Map.of("loadings", List.of(4.0, 11.0))))
                .hasMessage(
                        "parameter 'loadings': value [4.0, 11.0] is out of range: expected a non-empty list of reals in"
                                + " [0.0, 10.0]");
        assertThatThrownBy(() -> plugin.resolve(Map.of("loadings", List.of())))
                .hasMessage("parameter 'loadings': value [] is not a non-empty list of reals in [0.0, 10.0]");
        assertThatThrownBy(() -> plugin.resolve(Map.of("loadings", 3.0)))
                .hasMessage("parameter 'loadings': value 3.0 is not a non-empty list of reals in [0.0, 10.0]");
        assertThatThrownBy(() -> plugin.resolve(Map.of("loadings", List.of(1.0, "x"))))
                .isInstanceOf(InvalidParameterException.class);
    }
}
