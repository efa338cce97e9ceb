package io.pretrainbench.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.pretrain.PretrainingContext;
import io.pretrainbench.tck.PretrainingMethodContract;
import io.pretrainbench.tck.TckData;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchTest extends PretrainingMethodContract<Scratch> {
    @Override
    protected Scratch plugin() {
        return new Scratch();
    }

    @Override
    protected boolean trains() {
        return false;
    }

    @Test
    void differentSeedsGiveDifferentRandomEncoders() {
        assertThat(features(pretrain(1, Cancellation.NEVER)).values())
                .isNotEqualTo(features(pretrain(2, Cancellation.NEVER)).values());
    }

    @Test
    void theLastHiddenWidthIsTheFeatureWidth() {
        var params = plugin().descriptor().resolve(Map.of("hidden", "64, 32"));
        var encoder = plugin().pretrain(PretrainingContext.builder()
                .corpus(TckData.images(8, 2, 1))
                .params(params)
                .build());
        assertThat(encoder.featureDim()).isEqualTo(32);
    }

    @Test
    void aMalformedArchitectureSaysWhatIsValid() {
        var params = plugin().descriptor().resolve(Map.of("hidden", "256;128"));
        assertThatThrownBy(() -> plugin().pretrain(PretrainingContext.builder()
                        .corpus(TckData.images(8, 2, 1))
                        .params(params)
                        .build()))
                .hasMessageContaining("parameter 'hidden'")
                .hasMessageContaining("'256;128'")
                .hasMessageContaining("'256,128'");
    }
}
