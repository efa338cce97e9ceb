package io.pretrainbench.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import org.junit.jupiter.api.Test;

/** The contract of a {@link PretrainingCorpus}: a stable data checksum and a non-empty, finite corpus. */
public abstract class PretrainingCorpusContract<T extends PretrainingCorpus> extends PluginContract<T> {
  @Test
  void dataChecksumIsStable() {
    DataContext context = new DataContext(parameters());
    assertThat(plugin().dataChecksum(context)).isNotBlank().isEqualTo(plugin().dataChecksum(context));
  }

  @Test
  void loadsANonEmptyFiniteCorpus() {
    Examples corpus = plugin().load(new DataContext(parameters()));
    assertThat(corpus.count()).isPositive();
    assertThat(corpus.shape()).isNotEmpty();
    var values = corpus.features();
    while (values.hasRemaining()) {
      assertThat(Float.isFinite(values.get())).isTrue();
    }
    assertThat(plugin().load(new DataContext(parameters())).checksum()).as("loading is deterministic")
        .isEqualTo(corpus.checksum());
  }

  @Override
  protected final Class<T> kind() {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) PretrainingCorpus.class;
    return type;
  }
}
