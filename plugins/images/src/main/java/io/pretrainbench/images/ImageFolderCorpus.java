package io.pretrainbench.images;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The images of a folder as a pre-training corpus: an unlabelled folder of images, or a class tree whose labels are
 * dropped. A manifest picks and orders the images, so that the corpus can be a task's training images in the task's own
 * order (what {@code export-images} writes as {@code train.txt}).
 */
public final class ImageFolderCorpus implements PretrainingCorpus {
    @Override
    public PluginDescriptor descriptor() {
        List<ParameterSpec> specs = new ArrayList<>(ImageFolderParameters.specs());
        specs.add(ParameterSpec.string(
                "manifest",
                "",
                "file listing the images to use, one path relative to root per line, in the order limit counts"
                        + " (empty = every image, in sorted path order)"));
        specs.add(ParameterSpec.integer(
                "limit",
                0,
                0,
                Integer.MAX_VALUE,
                "at most this many images, the first in manifest order, or else in sorted path order (0 = all)"));
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
        ImageFolder folder = ImageFolderParameters.folder(p);
        String manifest = p.getString("manifest");
        Examples images = manifest.isBlank()
                ? folder.images
                : folder.images.subset(folder.manifestRows(Path.of(manifest), Set.of()));
        int limit = p.getInt("limit");
        return (limit == 0 ? images : images.first(limit)).withoutLabels();
    }

    @Override
    public String dataChecksum(DataContext context) {
        Parameters p = context.params();
        ImageFolder folder = ImageFolderParameters.folder(p);
        String manifest = p.getString("manifest");
        String selection = "";
        if (!manifest.isBlank()) {
            folder.manifestRows(Path.of(manifest), Set.of());
            selection = ";manifest=" + RecordFile.sha256(Path.of(manifest));
        }
        return folder.digest + ImageFolderParameters.describe(p) + selection + ";limit=" + p.getInt("limit");
    }

    /** The decoded folder's, which {@link #dataChecksum} has loaded and cached. */
    @Override
    public Optional<int[]> exampleShape(DataContext context) {
        return Optional.of(ImageFolderParameters.folder(context.params()).images.shape());
    }
}
