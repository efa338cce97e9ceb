package io.pretrainbench.fashionmnist;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Fashion-MNIST images as a pre-training corpus. {@code classes} selects a subset, so that pre-training and the
 * downstream task can come from different distributions (e.g. pre-train on classes 0-4, fine-tune on 5-9).
 */
public final class FashionMnistCorpus implements PretrainingCorpus {
    static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            "fashion-mnist",
            "1.0.0",
            "Fashion-MNIST images (28x28 grey) from Debian's dataset-fashion-mnist, optionally a subset of classes.",
            SpiVersion.CURRENT,
            List.of(
                    ParameterSpec.string("data_dir", FashionMnist.DEFAULT_DIR, "folder holding the four IDX .gz files"),
                    ParameterSpec.string(
                            "classes", "all", "'all' or class indices 0-9 separated by commas, e.g. '0,1,2,3,4'"),
                    ParameterSpec.integer(
                            "limit", 0, 0, 60_000, "at most this many images, first in file order (0 = all)"),
                    ParameterSpec.choice(
                            "split", "train", List.of("train", "test"), "which file to draw the images from")));

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public Examples load(DataContext context) {
        Parameters p = context.params();
        FashionMnist data = FashionMnist.at(Path.of(p.getString("data_dir")));
        Examples split = p.getString("split").equals("train") ? data.train : data.test;
        int[] classes = FashionMnist.parseClasses("classes", p.getString("classes"));
        return FashionMnist.selection(split, FashionMnist.select(split, classes, p.getInt("limit")))
                .withoutLabels();
    }

    @Override
    public String dataChecksum(DataContext context) {
        Parameters p = context.params();
        int[] classes = FashionMnist.parseClasses("classes", p.getString("classes"));
        return FashionMnist.checksum(Path.of(p.getString("data_dir"))) + ";classes=" + Arrays.toString(classes)
                + ";limit=" + p.getInt("limit") + ";split=" + p.getString("split");
    }

    @Override
    public Optional<int[]> exampleShape(DataContext context) {
        return Optional.of(new int[] {FashionMnist.SIDE, FashionMnist.SIDE, 1});
    }
}
