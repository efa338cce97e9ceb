package io.pretrainbench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SpiVersionTest {
    @Test
    void sameMajorAndNoNewerMinorIsCompatible() {
        assertThat(SpiVersion.isCompatible("1.0", "1.0")).isTrue();
        assertThat(SpiVersion.isCompatible("1.0", "1.3")).isTrue();
        assertThat(SpiVersion.isCompatible("1.4", "1.3"))
                .as("plugin needs a newer minor")
                .isFalse();
        assertThat(SpiVersion.isCompatible("2.0", "1.3")).isFalse();
        assertThat(SpiVersion.isCompatible("0.9", "1.0")).isFalse();
    }

    @Test
    void malformedVersionsAreRefused() {
        assertThatThrownBy(() -> SpiVersion.isCompatible("one", "1.0")).hasMessageContaining("MAJOR.MINOR");
    }
}
