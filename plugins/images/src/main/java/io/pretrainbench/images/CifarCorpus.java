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

/** CIFAR-10 or CIFAR-100 images (32×32 colour) as a pre-training corpus; labels are dropped. */
public final class CifarCorpus implements PretrainingCorpus {
    static final int MAX_LIMIT = 50_000;

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "cifar",
                "1.0.0",
                "CIFAR-10 or CIFAR-100 images (32x32 colour) from the published binary batches, labels dropped.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.string(
                                "data_dir", "", "folder holding the extracted binary batches (no default)"),
                        ParameterSpec.choice(
                                "variant", CifarVariant.CIFAR10.key, CifarVariant.keys(), "which CIFAR release"),
                        ParameterSpec.choice(
                                "split", "train", List.of("train", "test"), "which batches to draw the images from"),
                        ParameterSpec.integer(
                                "limit", 0, 0, MAX_LIMIT, "at most this many images, first in file order (0 = all)")));
    }

    @Override
    public Examples load(DataContext context) {
        Parameters p = context.params();
        CifarVariant variant = CifarVariant.of(p.getString("variant"));
        Cifar data = Cifar.at(Cifar.dataDir(p.getString("data_dir"), variant), variant);
        Examples split = (p.getString("split").equals("train") ? data.train : data.test).fine();
        int limit = p.getInt("limit");
        return (limit == 0 ? split : split.first(limit)).withoutLabels();
    }

    @Override
    public String dataChecksum(DataContext context) {
        Parameters p = context.params();
        CifarVariant variant = CifarVariant.of(p.getString("variant"));
        return Cifar.checksum(Cifar.dataDir(p.getString("data_dir"), variant), variant) + ";split="
                + p.getString("split") + ";limit=" + p.getInt("limit");
    }

    @Override
    public Optional<int[]> exampleShape(DataContext context) {
        return Optional.of(new int[] {CifarVariant.SIDE, CifarVariant.SIDE, CifarVariant.CHANNELS});
    }
}
