package io.pretrainbench.images;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import java.util.ArrayList;
import java.util.List;

/**
 * The images of a folder as a pre-training corpus: an unlabelled folder of images, or a class tree whose labels are
 * dropped.
 */
public final class ImageFolderCorpus implements PretrainingCorpus {
    @Override
    public PluginDescriptor descriptor() {
        List<ParameterSpec> specs = new ArrayList<>(ImageFolderParameters.specs());
        specs.add(ParameterSpec.integer(
                "limit", 0, 0, Integer.MAX_VALUE, "at most this many images, first in sorted path order (0 = all)"));
        return new PluginDescriptor(
                "image-folder",
                "1.0.0",
                "Images (PNG, JPEG, BMP, GIF) of a folder, or of a root/<class>/<image> tree with labels dropped.",
                SpiVersion.CURRENT,
                specs);
    }

    @Override
    public Examples load(DataContext context) {
        Parameters p = context.params();
        Examples images = ImageFolderParameters.folder(p).images;
        int limit = p.getInt("limit");
        return (limit == 0 ? images : images.first(limit)).withoutLabels();
    }

    @Override
    public String dataChecksum(DataContext context) {
        Parameters p = context.params();
        return ImageFolderParameters.folder(p).digest + ImageFolderParameters.describe(p) + ";limit="
                + p.getInt("limit");
    }
}
