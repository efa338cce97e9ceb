package io.pretrainbench.images;

import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import java.util.List;

/** The parameters the {@code image-folder} corpus and task share: where the images are and how they are decoded. */
final class ImageFolderParameters {
    static final int MAX_SIZE = 1024;
    private static final int GREY = 1;
    private static final int COLOUR = 3;

    private ImageFolderParameters() {}

    static List<ParameterSpec> specs() {
        return List.of(
                ParameterSpec.string(
                        "root", "", "the folder of images: root/<class>/<image>, or images directly in it"),
                ParameterSpec.integer(
                        "size",
                        0,
                        0,
                        MAX_SIZE,
                        "resize (bilinear) every image to size x size pixels; 0 = keep the stored size, which must then"
                                + " be the same for all"),
                ParameterSpec.integer("channels", COLOUR, GREY, COLOUR, "1 (grey) or 3 (red, green, blue)"));
    }

    static ImageFolder folder(Parameters p) {
        int channels = p.getInt("channels");
        if (channels != GREY && channels != COLOUR) {
            throw new InvalidParameterException("channels", channels + " is not 1 (grey) or 3 (red, green, blue)");
        }
        return ImageFolder.at(ImageFolder.root(p.getString("root")), p.getInt("size"), channels);
    }

    static String describe(Parameters p) {
        return ";size=" + p.getInt("size") + ";channels=" + p.getInt("channels");
    }
}
