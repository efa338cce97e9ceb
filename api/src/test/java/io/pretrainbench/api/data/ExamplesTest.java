package io.pretrainbench.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import org.junit.jupiter.api.Test;

class ExamplesTest {
    /** Two 2×2×3 images: pixel {@code i} is {@code i * 37 + 5} (wrapping), every byte value's kind covered. */
    private static final int[] SHAPE = {2, 2, 3};

    private static byte[] pixels() {
        byte[] pixels = new byte[24];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37 + 5);
        }
        return pixels;
    }

    /** The floats the loaders computed before pixels were kept as bytes: {@code (b & 0xff) / 255f}. */
    private static float[] floats(byte[] pixels) {
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = (pixels[i] & 0xff) / 255f;
        }
        return values;
    }

    private static float[] all(Examples examples) {
        FloatBuffer view = examples.features();
        float[] out = new float[view.remaining()];
        view.get(out);
        return out;
    }

    @Test
    void checksumsOfFloatExamplesAreThoseOfSpi12() {
        // Computed with SPI 1.2's Examples, which hashed value by value: cell identities depend on them.
        float[] values = floats(pixels());
        assertThat(Examples.labelled(values, new int[] {3, 7}, SHAPE).checksum())
                .isEqualTo("187e4d03e688329b0946f4f76de287fbbe0049df55c6a82634c90209719c6d17");
        assertThat(Examples.unlabelled(values, SHAPE).checksum())
                .isEqualTo("ca9f61c23be4d739d24088e8c7c2f8ed2147011a49669adfafd67e4382e73f73");
        float[] big = new float[15_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = ((i * 131) % 256) / 255f;
        }
        int[] labels = new int[3000];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 10;
        }
        assertThat(Examples.labelled(big, labels, 5, 1).checksum())
                .isEqualTo("cd51aca165f14d4c06ba4fb777898c23a22b266eadc9c7d78bae0310d4bfa778");
    }

    @Test
    void pixelExamplesHoldTheSameValuesAndChecksumAsFloats() {
        Examples asPixels = Examples.labelledPixels(pixels(), new int[] {3, 7}, SHAPE);
        Examples asFloats = Examples.labelled(floats(pixels()), new int[] {3, 7}, SHAPE);

        assertThat(all(asPixels)).containsExactly(all(asFloats));
        assertThat(asPixels.checksum()).isEqualTo(asFloats.checksum());
        assertThat(Examples.unlabelledPixels(pixels(), SHAPE).checksum())
                .isEqualTo(Examples.unlabelled(floats(pixels()), SHAPE).checksum());
        assertThat(asPixels.count()).isEqualTo(2);
        assertThat(asPixels.exampleSize()).isEqualTo(12);
        assertThat(asPixels.labels()).containsExactly(3, 7);
    }

    @Test
    void copyRowConvertsPixelsIntoEitherKindOfDestination() {
        Examples asPixels = Examples.unlabelledPixels(pixels(), SHAPE);
        float[] expected = floats(pixels());

        float[] row = new float[14];
        asPixels.copyRow(1, row, 2);
        for (int j = 0; j < 12; j++) {
            assertThat(row[2 + j]).isEqualTo(expected[12 + j]);
        }
        FloatBuffer buffer = FloatBuffer.allocate(12);
        asPixels.copyRow(0, buffer);
        assertThat(buffer.array()).containsExactly(java.util.Arrays.copyOf(expected, 12));
    }

    @Test
    void subsetsOfPixelExamplesMatchThoseOfFloats() {
        int[] labels = {3, 7};
        Examples asPixels = Examples.labelledPixels(pixels(), labels, SHAPE);
        Examples asFloats = Examples.labelled(floats(pixels()), labels, SHAPE);

        assertThat(asPixels.subset(new int[] {1, 0, 1}).checksum())
                .isEqualTo(asFloats.subset(new int[] {1, 0, 1}).checksum());
        assertThat(asPixels.first(1).checksum()).isEqualTo(asFloats.first(1).checksum());
        assertThat(asPixels.withLabels(new int[] {0, 1}).checksum())
                .isEqualTo(asFloats.withLabels(new int[] {0, 1}).checksum());
        assertThat(asPixels.withoutLabels().checksum())
                .isEqualTo(asFloats.withoutLabels().checksum());
        assertThat(asPixels.withoutLabels().hasLabels()).isFalse();
    }

    @Test
    void theBuilderCopiesEachRowOnceAndCannotChangeBuiltExamples() {
        byte[] source = pixels();
        Examples.PixelBuilder builder = Examples.pixelBuilder(2, SHAPE);
        builder.row(1, source, 12).row(0, source, 0);
        Examples built = builder.unlabelled();
        source[0] = 0;

        assertThat(built.checksum())
                .isEqualTo(Examples.unlabelled(floats(pixels()), SHAPE).checksum());
        assertThatThrownBy(() -> builder.row(0, source, 0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("built already");
    }

    @Test
    void aBuilderWithAnUnwrittenRowIsRefused() {
        Examples.PixelBuilder builder = Examples.pixelBuilder(2, SHAPE).row(0, pixels(), 0);

        assertThatThrownBy(builder::unlabelled).hasMessage("row 1 of 2 was never written");
    }

    @Test
    void pixelsThatDoNotDivideIntoExamplesAreRefused() {
        assertThatThrownBy(() -> Examples.unlabelledPixels(new byte[13], SHAPE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("13 pixels do not divide into examples of shape [2, 2, 3]");
    }
}
