package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import org.junit.jupiter.api.Test;

/** The contract of a {@link PretrainingCorpus}: a stable data checksum; a non-empty, finite, deterministic corpus. */
public abstract class PretrainingCorpusContract<T extends PretrainingCorpus> extends PluginContract<T> {
    @Test
    void dataChecksumIsStable() {
        DataContext context = DataContext.builder().params(parameters()).build();
        assertThat(instance().dataChecksum(context))
                .isNotBlank()
                .as("dataChecksum called again on the same instance")
                .isEqualTo(instance().dataChecksum(context));
    }

    @Test
    void loadsANonEmptyFiniteCorpus() {
        Examples corpus =
                instance().load(DataContext.builder().params(parameters()).build());
        assertThat(corpus.count()).isPositive();
        assertThat(corpus.shape()).as("shape of one example").isNotEmpty();
        assertThat(corpus.exampleSize()).as("values per example").isPositive();
        TckData.requireFinite("corpus value", corpus);
    }

    @Test
    void loadingIsDeterministic() {
        assertThat(instance()
                        .load(DataContext.builder().params(parameters()).build())
                        .checksum())
                .isEqualTo(instance()
                        .load(DataContext.builder().params(parameters()).build())
                        .checksum());
    }

    @Override
    protected final Class<T> kind() {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) PretrainingCorpus.class;
        return type;
    }
}
