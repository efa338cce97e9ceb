package io.pretrainbench.multiview;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import java.util.Map;

/**
 * Multi-view corpora for the method tests. 28 patches of dimension 28 on purpose: the kit's contract feeds its own
 * 28×28×1 images to every encoder, and those reshape to 28 patches of 28 values, so the kit's checks run unchanged on
 * an encoder that expects [patches, dimension].
 */
final class SmallMultiView {
    private SmallMultiView() {}

    static Examples corpus(int samples, long seed) {
        var corpus = new MultiViewCorpus();
        return corpus.load(DataContext.builder()
                .params(corpus.descriptor()
                        .resolve(Map.of("samples", (long) samples, "patches", 28L, "dimension", 28L, "seed", seed)))
                .build());
    }
}
