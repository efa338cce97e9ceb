package io.pretrainbench.images;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import java.util.List;
import java.util.Optional;

/**
 * STL-10 images (96×96 colour) as a pre-training corpus: by default the 100 000 unlabelled images the data set was made
 * for. Images are held as 8-bit pixels, 27 KB each, so all 100 000 take 2.8 GB of heap ({@code limit} takes fewer).
 */
public final class Stl10Corpus implements PretrainingCorpus {
    static final int MAX_LIMIT = 100_000;

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "stl10",
                "1.0.0",
                "STL-10 images (96x96 colour) from the binary release, by default the 100 000 unlabelled ones.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.string("data_dir", "", "folder holding the extracted stl10_binary files"),
                        ParameterSpec.choice(
                                "split",
                                Stl10.UNLABELLED,
                                List.of(Stl10.UNLABELLED, "train", "test"),
                                "which image file to draw from"),
                        ParameterSpec.integer(
                                "limit",
                                0,
                                0,
                                MAX_LIMIT,
                                "at most this many images, first in file order (0 = all; 27 KB of heap each)")));
    }

    @Override
    public Examples load(DataContext context) {
        Parameters p = context.params();
        return Stl10.images(Stl10.dataDir(p.getString("data_dir")), p.getString("split"), p.getInt("limit"))
                .withoutLabels();
    }

    @Override
    public String dataChecksum(DataContext context) {
        Parameters p = context.params();
        return Stl10.checksum(Stl10.dataDir(p.getString("data_dir")), p.getString("split"), p.getInt("limit"))
                + ";split=" + p.getString("split") + ";limit=" + p.getInt("limit");
    }

    @Override
    public Optional<int[]> exampleShape(DataContext context) {
        return Optional.of(new int[] {Stl10.SIDE, Stl10.SIDE, Stl10.CHANNELS});
    }
}
