package io.pretrainbench.images;

/**
 * The one mapping from stored 8-bit pixels to the floats every {@link io.pretrainbench.api.data.Examples} of this
 * module holds: {@code byte / 255}, the mapping the Fashion-MNIST plugin uses, so that the same picture gives the same
 * floats whichever format it came in. Examples are laid out {@code [height, width, channels]}, channels interleaved.
 */
final class Pixels {
    private static final float MAX = 255f;

    private Pixels() {}

    static float value(int unsignedByte) {
        return unsignedByte / MAX;
    }

    /**
     * Converts one image stored as whole channel planes (all of channel 0, then channel 1, ...) to interleaved floats.
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
            float[] destination,
            int destinationOffset) {
        int plane = height * width;
        for (int k = 0; k < channels; k++) {
            for (int r = 0; r < height; r++) {
                for (int c = 0; c < width; c++) {
                    int stored = columnMajor ? c * height + r : r * width + c;
                    destination[destinationOffset + (r * width + c) * channels + k] =
                            value(source[sourceOffset + k * plane + stored] & 0xff);
                }
            }
        }
    }
}
