package io.pretrainbench.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Pre-training augmentations of images {@code [height, width, channels]} (channels innermost), applied on the host to
 * each image of a minibatch as it is built ({@link Minibatches}): a random resized crop, then a horizontal flip.
 *
 * <p>The crop is torchvision's {@code RandomResizedCrop}: a box of {@code scale × area} pixels, {@code scale} uniform
 * in [{@code minScale}, 1], with aspect ratio (width / height) log-uniform in [1 / {@code maxRatio}, {@code maxRatio}],
 * placed uniformly; after 10 boxes that do not fit, the centre box of the whole image with its ratio clamped to that
 * range. The box is resized back to the image's size by bilinear interpolation with half-pixel centres and no
 * antialiasing (TensorFlow's {@code resize_bilinear} with {@code half_pixel_centers}). The flip mirrors an image with
 * probability ½.
 *
 * <p>All draws come from one stream seeded by the pre-training seed, apart from those of shuffling and masking, so the
 * same seed gives the same augmented batches, and switching augmentation on changes nothing else.
 */
public final class Augmentation {
    /** No augmentation: batches are the stored images. */
    public static final Augmentation NONE = new Augmentation(1, 1, 1, 1.0, 1.0, false, 0);

    /** Boxes tried before the centre fallback, as in torchvision. */
    private static final int ATTEMPTS = 10;
    /** Separates the augmentation stream from the other streams drawn from the same pre-training seed. */
    private static final long STREAM = 0x2545F4914F6CDD1DL;

    /** A crop box in pixels. */
    record Box(int top, int left, int height, int width) {}

    private final int height;
    private final int width;
    private final int channels;
    private final double minScale;
    private final double maxRatio;
    private final boolean flip;
    private final SplittableRandom random;
    private final float[] scratch;

    private Augmentation(
            int height, int width, int channels, double minScale, double maxRatio, boolean flip, long seed) {
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.minScale = minScale;
        this.maxRatio = maxRatio;
        this.flip = flip;
        this.random = new SplittableRandom(seed ^ STREAM);
        this.scratch = new float[height * width * channels];
    }

    /**
     * @param shape one image, {@code [height, width, channels]}
     * @param minScale smallest share of the image's area a crop keeps, in (0, 1]; 1 switches the crop off
     * @param maxRatio widest aspect ratio of a crop, ≥ 1 (the narrowest is its inverse)
     * @param flip whether to mirror half of the images
     * @param seed the pre-training seed
     * @throws IllegalArgumentException if an augmentation is on and the examples are not images, or a range is invalid
     */
    public static Augmentation of(int[] shape, double minScale, double maxRatio, boolean flip, long seed) {
        if (!(minScale > 0 && minScale <= 1)) {
            throw new IllegalArgumentException("crop scale " + minScale + " is not in (0, 1]");
        }
        if (!(maxRatio >= 1)) {
            throw new IllegalArgumentException("crop aspect ratio " + maxRatio + " is not >= 1");
        }
        if (minScale == 1 && !flip) {
            return NONE;
        }
        if (shape.length != 3) {
            throw new IllegalArgumentException(
                    "crops and flips need images [height, width, channels], got shape " + Arrays.toString(shape));
        }
        return new Augmentation(shape[0], shape[1], shape[2], minScale, maxRatio, flip, seed);
    }

    /** Augments the first {@code rows} images of {@code batch} (row-major, one image after another) in place. */
    public void apply(float[] batch, int rows) {
        if (this == NONE) {
            return;
        }
        int size = scratch.length;
        for (int r = 0; r < rows; r++) {
            int offset = r * size;
            if (minScale < 1) {
                Box box = box(random, height, width, minScale, maxRatio);
                System.arraycopy(batch, offset, scratch, 0, size);
                resize(scratch, 0, height, width, channels, box, batch, offset);
            }
            if (flip && random.nextBoolean()) {
                mirror(batch, offset, height, width, channels);
            }
        }
    }

    /**
     * Draws a crop box of an {@code height × width} image: scale uniform in [{@code minScale}, 1], aspect ratio
     * log-uniform in [1 / {@code maxRatio}, {@code maxRatio}] (torchvision's {@code RandomResizedCrop.get_params}).
     */
    static Box box(SplittableRandom random, int height, int width, double minScale, double maxRatio) {
        double area = (double) height * width;
        double logRatio = Math.log(maxRatio);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            double target = area * (minScale + (1 - minScale) * random.nextDouble());
            double ratio = Math.exp(-logRatio + 2 * logRatio * random.nextDouble());
            int w = (int) Math.round(Math.sqrt(target * ratio));
            int h = (int) Math.round(Math.sqrt(target / ratio));
            if (w > 0 && w <= width && h > 0 && h <= height) {
                return new Box(random.nextInt(height - h + 1), random.nextInt(width - w + 1), h, w);
            }
        }
        double ratio = (double) width / height;
        int w = width;
        int h = height;
        if (ratio < 1 / maxRatio) {
            h = (int) Math.round(w * maxRatio);
        } else if (ratio > maxRatio) {
            w = (int) Math.round(h * maxRatio);
        }
        return new Box((height - h) / 2, (width - w) / 2, h, w);
    }

    /**
     * Resizes {@code box} of the image at {@code from[fromOffset]} to the whole {@code height × width} image at
     * {@code to[toOffset]}, bilinearly with half-pixel centres; the whole image is copied unchanged. Interpolating as
     * {@code a + (b - a) · t} keeps a constant image exactly constant.
     */
    static void resize(
            float[] from, int fromOffset, int height, int width, int channels, Box box, float[] to, int toOffset) {
        if (box.height() == height && box.width() == width) {
            System.arraycopy(from, fromOffset, to, toOffset, height * width * channels);
            return;
        }
        double scaleY = (double) box.height() / height;
        double scaleX = (double) box.width() / width;
        for (int y = 0; y < height; y++) {
            double sy = Math.min(Math.max((y + 0.5) * scaleY - 0.5, 0), box.height() - 1);
            int y0 = (int) sy;
            int y1 = Math.min(y0 + 1, box.height() - 1);
            double ty = sy - y0;
            for (int x = 0; x < width; x++) {
                double sx = Math.min(Math.max((x + 0.5) * scaleX - 0.5, 0), box.width() - 1);
                int x0 = (int) sx;
                int x1 = Math.min(x0 + 1, box.width() - 1);
                double tx = sx - x0;
                int out = toOffset + (y * width + x) * channels;
                for (int c = 0; c < channels; c++) {
                    double a = from[at(fromOffset, box, y0, x0, width, channels, c)];
                    double b = from[at(fromOffset, box, y0, x1, width, channels, c)];
                    double d = from[at(fromOffset, box, y1, x0, width, channels, c)];
                    double e = from[at(fromOffset, box, y1, x1, width, channels, c)];
                    double top = a + (b - a) * tx;
                    double bottom = d + (e - d) * tx;
                    to[out + c] = (float) (top + (bottom - top) * ty);
                }
            }
        }
    }

    private static int at(int offset, Box box, int y, int x, int width, int channels, int c) {
        return offset + ((box.top() + y) * width + box.left() + x) * channels + c;
    }

    /** Mirrors the image at {@code image[offset]} left to right, in place. */
    static void mirror(float[] image, int offset, int height, int width, int channels) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width / 2; x++) {
                int left = offset + (y * width + x) * channels;
                int right = offset + (y * width + width - 1 - x) * channels;
                for (int c = 0; c < channels; c++) {
                    float t = image[left + c];
                    image[left + c] = image[right + c];
                    image[right + c] = t;
                }
            }
        }
    }
}
