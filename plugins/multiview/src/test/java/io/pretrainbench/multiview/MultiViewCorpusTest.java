package io.pretrainbench.multiview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.tck.PretrainingCorpusContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MultiViewCorpusTest extends PretrainingCorpusContract<MultiViewCorpus> {
    @Override
    protected MultiViewCorpus plugin() {
        return new MultiViewCorpus();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("samples", 50L, "dimension", 40L, "patches", 12L);
    }

    @Test
    void examplesHaveShapePatchesByDimensionAndNoLabels() {
        Examples corpus =
                plugin().load(DataContext.builder().params(parameters()).build());
        assertThat(corpus.count()).isEqualTo(50);
        assertThat(corpus.shape()).containsExactly(12, 40);
        assertThat(corpus.hasLabels()).isFalse();
    }

    @Test
    void theSeedChangesTheSamples() {
        String first = plugin().load(DataContext.builder().params(parameters()).build())
                .checksum();
        var other = plugin().descriptor().resolve(Map.of("samples", 50L, "dimension", 40L, "patches", 12L, "seed", 1L));
        assertThat(plugin().load(DataContext.builder().params(other).build()).checksum())
                .isNotEqualTo(first);
        assertThat(plugin().dataChecksum(DataContext.builder().params(other).build()))
                .isNotEqualTo(plugin().dataChecksum(
                                DataContext.builder().params(parameters()).build()));
    }

    @Test
    void tooFewDimensionsForOrthonormalFeaturesAreRefusedNamingTheParameter() {
        var params = plugin().descriptor().resolve(Map.of("dimension", 10L)); // 10 classes × 2 features need d >= 20
        assertThatThrownBy(() -> plugin().dataChecksum(
                                DataContext.builder().params(params).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("dimension")
                .hasMessageContaining("20");
    }

    @Test
    void tooFewPatchesForTheFeaturesAreRefusedNamingTheParameter() {
        var params = plugin().descriptor().resolve(Map.of("patches", 5L, "patches_per_feature", 3L));
        assertThatThrownBy(
                        () -> plugin().load(DataContext.builder().params(params).build()))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("patches")
                .hasMessageContaining("6");
    }
}
