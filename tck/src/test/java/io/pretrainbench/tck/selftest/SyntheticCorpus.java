package io.pretrainbench.tck.selftest;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import io.pretrainbench.tck.TckData;
import java.util.List;

/** A correct corpus: the kit's synthetic images, unlabelled. */
public class SyntheticCorpus implements PretrainingCorpus {
    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "tck-synthetic",
                "1.0.0",
                "Synthetic 28x28 images with class-dependent blocks.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.integer("count", 64, 1, 4096, "number of images"),
                        ParameterSpec.integer("seed", 1, 0, 1_000_000, "seed of the pixel noise")));
    }

    @Override
    public Examples load(DataContext context) {
        return TckData.images(
                        context.params().getInt("count"), 4, context.params().getLong("seed"))
                .withoutLabels();
    }

    @Override
    public String dataChecksum(DataContext context) {
        // Cheap: the data are a function of the parameters alone.
        return "tck-synthetic;" + context.params();
    }
}
