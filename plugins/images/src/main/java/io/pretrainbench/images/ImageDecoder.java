package io.pretrainbench.images;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG, JPEG, BMP and GIF files with the JDK's ImageIO (no extra dependency; these four are what ImageIO reads
 * out of the box) into 8-bit pixels, {@code [height, width, channels]} with 1 (grey) or 3 (red, green, blue) channels.
 *
 * <p>Grey images are read from their raster, not through {@link BufferedImage#getRGB}, which converts a linear grey
 * colour space to sRGB and would change every stored value; colour images become grey with ITU-R BT.601 weights, as
 * PIL's {@code convert("L")} does. A decoder warning (a truncated JPEG decodes to a partly grey picture with a warning,
 * not an exception) counts as a corrupt file.
 */
final class ImageDecoder {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    private static final double RED = 0.299;
    private static final double GREEN = 0.587;
    private static final double BLUE = 0.114;
    private static final int MAX_BYTE = 255;

    /** One decoded image: {@code height × width × channels} bytes, channels interleaved. */
    record Image(int height, int width, int channels, byte[] pixels) {}

    private ImageDecoder() {}

    static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Decodes {@code content}, the bytes of {@code file}.
     *
     * @throws IllegalArgumentException naming the file when it cannot be decoded
     */
    static Image read(Path file, byte[] content, int channels) {
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IllegalArgumentException(file + ": not a PNG, JPEG, BMP or GIF image (no decoder recognises"
                        + " its content): the file is corrupt or of another type");
            }
            ImageReader reader = readers.next();
            List<String> warnings = new ArrayList<>();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
            if (!warnings.isEmpty()) {
                throw new IOException(warnings.get(0));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException named
                    && named.getMessage().startsWith(file.toString())) {
                throw named;
            }
            throw new IllegalArgumentException(
                    file + ": cannot be decoded (" + e.getMessage() + "): the image is corrupt or truncated");
        }
        return pixels(image, channels);
    }

    private static Image pixels(BufferedImage image, int channels) {
        int height = image.getHeight();
        int width = image.getWidth();
        byte[] out = new byte[height * width * channels];
        ColorModel model = image.getColorModel();
        boolean grey =
                !(model instanceof IndexColorModel) && model.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        Raster raster = image.getRaster();
        int greyMax = (1 << model.getComponentSize(0)) - 1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = (y * width + x) * channels;
                if (grey) {
                    int v = (raster.getSample(x, y, 0) * MAX_BYTE + greyMax / 2) / greyMax;
                    for (int k = 0; k < channels; k++) {
                        out[at + k] = (byte) v;
                    }
                } else {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    if (channels == 1) {
                        out[at] = (byte) Math.round(RED * r + GREEN * g + BLUE * b);
                    } else {
                        out[at] = (byte) r;
                        out[at + 1] = (byte) g;
                        out[at + 2] = (byte) b;
                    }
                }
            }
        }
        return new Image(height, width, channels, out);
    }

    /**
     * The image stretched to {@code size × size} by bilinear interpolation between pixel centres; the image itself when
     * it already has that size, so that declaring an image's own size changes no pixel.
     */
    static Image resize(Image image, int size) {
        if (image.height() == size && image.width() == size) {
            return image;
        }
        int channels = image.channels();
        byte[] out = new byte[size * size * channels];
        for (int y = 0; y < size; y++) {
            double sy = Math.max(0, Math.min(image.height() - 1, (y + 0.5) * image.height() / size - 0.5));
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, image.height() - 1);
            double fy = sy - y0;
            for (int x = 0; x < size; x++) {
                double sx = Math.max(0, Math.min(image.width() - 1, (x + 0.5) * image.width() / size - 0.5));
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, image.width() - 1);
                double fx = sx - x0;
                for (int k = 0; k < channels; k++) {
                    double top = (1 - fx) * at(image, y0, x0, k) + fx * at(image, y0, x1, k);
                    double bottom = (1 - fx) * at(image, y1, x0, k) + fx * at(image, y1, x1, k);
                    out[(y * size + x) * channels + k] = (byte) Math.round((1 - fy) * top + fy * bottom);
                }
            }
        }
        return new Image(size, size, channels, out);
    }

    private static int at(Image image, int y, int x, int k) {
        return image.pixels()[(y * image.width() + x) * image.channels() + k] & 0xff;
    }
}
