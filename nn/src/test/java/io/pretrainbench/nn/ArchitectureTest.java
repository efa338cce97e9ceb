package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArchitectureTest {
    @Test
    void layerWidthsAreReadInOrderWithSpacesAllowed() {
        assertThat(Architecture.parseHidden("hidden", "256,128")).containsExactly(256, 128);
        assertThat(Architecture.parseHidden("hidden", " 64 , 32 ")).containsExactly(64, 32);
        assertThat(Architecture.parseHidden("hidden", "10")).containsExactly(10);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", " ", "256;128", "256,,128", "256,128,", ",256", "0", "-5", "abc", "70000", "1e3", "2.5", "+5"
            })
    void malformedWidthsAreRefusedNamingTheParameterTheValueAndAValidExample(String value) {
        assertThatThrownBy(() -> Architecture.parseHidden("hidden", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'hidden'")
                .hasMessageContaining("'" + value + "'")
                .hasMessageContaining("e.g. '256,128'");
    }

    @Test
    void shapesRoundTripThroughTheirStringForm() {
        assertThat(Architecture.parseShape(Architecture.formatList(List.of(28, 28, 1))))
                .containsExactly(28, 28, 1);
        assertThatThrownBy(() -> Architecture.parseShape("28,x,1")).hasMessageContaining("'28,x,1'");
    }
}
