package io.pretrainbench.multiview;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import java.util.ArrayList;
import java.util.List;

/**
 * Unlabelled samples of the multi-view distribution ({@link MultiViewData}): the pre-training data of Pan et al. (2023,
 * arXiv 2206.03826). Examples have shape [patches, dimension]. The samples come from a random stream of their own, so a
 * {@code multiview} task with the same data parameters shares the features but not the samples.
 */
public final class MultiViewCorpus implements PretrainingCorpus {
    static final int STREAM = 1;

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "multiview",
            "1.0.0",
            "Synthetic multi-view patch data (Allen-Zhu & Li 2020; Pan et al. 2023), unlabelled, shape [patches,"
                    + " dimension].",
            SpiVersion.CURRENT,
            parameters());

    private static List<ParameterSpec> parameters() {
        List<ParameterSpec> p = new ArrayList<>(MultiViewData.allParameters());
        p.add(ParameterSpec.integer("samples", 4000, 1, 1_000_000, "number of unlabelled samples"));
        return p;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Examples load(DataContext context) {
        MultiViewData.Samples s = MultiViewData.of(context.params())
                .generate(context.params().getInt("samples"), MultiViewData.View.ALL, STREAM);
        return Examples.unlabelled(s.values(), s.patches(), s.dimension());
    }

    @Override
    public String dataChecksum(DataContext context) {
        MultiViewData.of(context.params()); // refuses inconsistent parameters before a grid runs
        return MultiViewData.GENERATOR_VERSION + ";corpus;" + context.params();
    }
}
