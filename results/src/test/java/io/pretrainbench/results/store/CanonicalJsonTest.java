package io.pretrainbench.results.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    /** Parameters as a grid gives them: keys out of order, a nested map, every kind of plain value. */
    private static Map<String, Object> value() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", List.of(3, 1, 2));
        nested.put("a", null);
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("learning_rate", 1e-3);
        value.put("hidden", "256,128");
        value.put("epochs", 10);
        value.put("noise", 0.0);
        value.put("big", 1.5e20);
        value.put("steps", 12_345_678_901L);
        value.put("norm_pix", true);
        value.put("name", "μ \"quoted\"\n");
        value.put("nested", nested);
        return value;
    }

    @Test
    void writesSortedKeysCompactlyWithJavaNumberForms() {
        // Pinned: cell ids hash this text, so any change here moves every stored cell id.
        assertThat(CanonicalJson.write(value()))
                .isEqualTo("{\"big\":1.5E20,\"epochs\":10,\"hidden\":\"256,128\","
                        + "\"learning_rate\":0.001,\"name\":\"μ"
                        + " \\\"quoted\\\"\\n\",\"nested\":{\"a\":null,\"z\":[3,1,2]},"
                        + "\"noise\":0.0,\"norm_pix\":true,\"steps\":12345678901}");
    }

    @Test
    void bytesAreTheTextInUtf8() {
        assertThat(CanonicalJson.bytes(value()))
                .isEqualTo(CanonicalJson.write(value()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void equalMapsBuiltInAnyOrderGiveEqualText() {
        Map<String, Object> reversed = new LinkedHashMap<>();
        List<String> keys = new java.util.ArrayList<>(value().keySet());
        java.util.Collections.reverse(keys);
        keys.forEach(k -> reversed.put(k, value().get(k)));
        assertThat(CanonicalJson.write(reversed)).isEqualTo(CanonicalJson.write(value()));
    }

    @Test
    void refusesWhatIsNotAPlainValue() {
        assertThatThrownBy(() -> CanonicalJson.write(new Object()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a plain JSON value");
    }
}
