package io.pretrainbench.images;

/**
 * The layout of every {@link io.pretrainbench.api.data.Examples} of this module: 8-bit pixels (value = byte / 255, the
 * mapping the Fashion-MNIST plugin uses, so that the same picture gives the same values whichever format it came in),
 * {@code [height, width, channels]}, channels interleaved.
 */
final class Pixels {
    private Pixels() {}

    /**
     * Converts one image stored as whole channel planes (all of channel 0, then channel 1, ...) to interleaved pixels.
     *
     * @param columnMajor whether each plane is stored column by column (STL-10) rather than row by row (CIFAR)
     */
    static void planesToInterleaved(
            byte[] source,
            int sourceOffset,
            int height,
            int width,
            int channels,
            boolean columnMajor,
            byte[] destination,
            int destinationOffset) {
        int plane = height * width;
        for (int k = 0; k < channels; k++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int stored = columnMajor ? c * height + r : r * width + c;
                    destination[destinationOffset + (r * width + c) * channels + k] =
                            source[sourceOffset + k * plane + stored];
                }
            }
        }
    }
}
