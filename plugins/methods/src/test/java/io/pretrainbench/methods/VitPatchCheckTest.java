package io.pretrainbench.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.params.InvalidParameterException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ViT methods check their patch against the corpus's image side at validate ({@code checkInput}). */
class VitPatchCheckTest {
    private static final int[] STL10 = {96, 96, 3};

    @Test
    void aPatchThatDividesTheSideIsAcceptedUpToTheSideItself() {
        MaskedAutoencoder mae = new MaskedAutoencoder();
        for (long patch : new long[] {8, 12, 16, 32, 48, 96}) {
            assertThatCode(() -> mae.checkInput(mae.descriptor().resolve(Map.of("patch", patch)), STL10))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void aPatchThatDoesNotDivideTheSideIsRefusedWithTheValidOnes() {
        MaeRadReg radReg = new MaeRadReg();

        assertThatThrownBy(() -> radReg.checkInput(radReg.descriptor().resolve(Map.of("patch", 7L)), STL10))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.key())
                        .isEqualTo("patch"))
                .hasMessage("parameter 'patch': 7 does not divide the corpus's image side 96; valid: 1, 2, 3, 4, 6, 8,"
                        + " 12, 16, 24, 32, 48, 96");
    }

    @Test
    void nonSquareImagesAreRefusedByTheVitAndAcceptedByTheCnn() {
        Scratch scratch = new Scratch();
        int[] wide = {32, 64, 3};

        assertThatThrownBy(() -> scratch.checkInput(
                        scratch.descriptor().resolve(Map.of("architecture", "vit", "patch", 8L)), wide))
                .hasMessageContaining("the ViT needs square images; the corpus's examples have shape [32, 64, 3]");
        assertThatCode(() -> scratch.checkInput(scratch.descriptor().resolve(Map.of("architecture", "cnn")), wide))
                .doesNotThrowAnyException();
    }
}
