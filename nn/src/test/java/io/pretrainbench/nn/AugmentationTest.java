package io.pretrainbench.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
    /** A 3×4 RGB image whose every value is distinct: value = 100·row + 10·column + channel. */
    private static float[] numbered(int height, int width, int channels) {
        float[] image = new float[height * width * channels];
        for (int r = 0; r < height; r++) {
            for (int c = 0; c < width; c++) {
                for (int k = 0; k < channels; k++) {
                    image[(r * width + c) * channels + k] = 100 * r + 10 * c + k;
                }
            }
        }
        return image;
    }

    @Test
    void mirroringSwapsColumnsExactlyAndKeepsChannelsTogether() {
        float[] image = numbered(3, 4, 3);
        Augmentation.mirror(image, 0, 3, 4, 3);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                for (int k = 0; k < 3; k++) {
                    assertThat(image[(r * 4 + c) * 3 + k]).isEqualTo(100f * r + 10 * (3 - c) + k);
                }
            }
        }
        Augmentation.mirror(image, 0, 3, 4, 3);
        assertThat(image).containsExactly(numbered(3, 4, 3));
    }

    @Test
    void aFlipOnlyAugmentationMirrorsSomeImagesOfABatchAndLeavesTheOthersUntouched() {
        float[] original = numbered(5, 6, 2);
        float[] mirrored = original.clone();
        Augmentation.mirror(mirrored, 0, 5, 6, 2);
        int images = 40;
        float[] batch = new float[images * original.length];
        for (int i = 0; i < images; i++) {
            System.arraycopy(original, 0, batch, i * original.length, original.length);
        }
        Augmentation.of(new int[] {5, 6, 2}, 1, 4.0 / 3, true, 7).apply(batch, images);
        int flipped = 0;
        for (int i = 0; i < images; i++) {
            float[] image = java.util.Arrays.copyOfRange(batch, i * original.length, (i + 1) * original.length);
            assertThat(image).satisfiesAnyOf(x -> assertThat(x).containsExactly(original), x -> assertThat(x)
                    .containsExactly(mirrored));
            flipped += java.util.Arrays.equals(image, mirrored) ? 1 : 0;
        }
        assertThat(flipped).isBetween(10, 30);
    }

    @Test
    void aCropOfScaleOneAndRatioOneIsTheWholeImageAndResizesToItself() {
        Augmentation.Box box = Augmentation.box(new SplittableRandom(1), 8, 8, 1, 1);
        assertThat(box).isEqualTo(new Augmentation.Box(0, 0, 8, 8));
        float[] image = numbered(8, 8, 3);
        float[] out = new float[image.length];
        Augmentation.resize(image, 0, 8, 8, 3, box, out, 0);
        assertThat(out).containsExactly(image);
    }

    @Test
    void bilinearResizeOfAConstantImageIsExactlyConstant() {
        float value = 0.3137255f; // 80 / 255, a pixel value that is not a short binary fraction
        float[] image = new float[9 * 7 * 3];
        java.util.Arrays.fill(image, value);
        float[] out = new float[image.length];
        Augmentation.resize(image, 0, 9, 7, 3, new Augmentation.Box(2, 1, 5, 4), out, 0);
        for (float v : out) {
            assertThat(v).isEqualTo(value);
        }
    }

    @Test
    void bilinearResizeOfARampInterpolatesBetweenTheCropsPixels() {
        // One row, 4 columns, values 0..3; the crop is columns 1-2 (values 1, 2) stretched to 4 columns. Half-pixel
        // centres put the outputs at source x = -0.25, 0.25, 0.75, 1.25, clamped to [0, 1]: 1, 1.25, 1.75, 2.
        float[] image = {0, 1, 2, 3};
        float[] out = new float[4];
        Augmentation.resize(image, 0, 1, 4, 1, new Augmentation.Box(0, 1, 1, 2), out, 0);
        assertThat(out).containsExactly(1f, 1.25f, 1.75f, 2f);
    }

    @Test
    void cropBoxesStayInsideTheImageWithinTheScaleAndRatioRanges() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            Augmentation.Box box = Augmentation.box(random, 32, 32, 0.2, 4.0 / 3);
            assertThat(box.top()).isBetween(0, 32 - box.height());
            assertThat(box.left()).isBetween(0, 32 - box.width());
            // Rounding the sides to whole pixels moves the area and the ratio a little past the drawn values.
            assertThat(box.height() * box.width()).isBetween((int) (0.2 * 1024 * 0.85), 1024);
            assertThat((double) box.width() / box.height()).isBetween(0.75 * 0.85, 4.0 / 3 / 0.85);
        }
    }

    @Test
    void theSameSeedAugmentsTheSameWayAndAnotherSeedDifferently() {
        float[] image = numbered(16, 16, 3);
        float[] a = augmented(image, 5);
        assertThat(augmented(image, 5)).containsExactly(a);
        assertThat(augmented(image, 6)).isNotEqualTo(a);
    }

    private static float[] augmented(float[] image, long seed) {
        float[] batch = new float[4 * image.length];
        for (int i = 0; i < 4; i++) {
            System.arraycopy(image, 0, batch, i * image.length, image.length);
        }
        Augmentation.of(new int[] {16, 16, 3}, 0.3, 4.0 / 3, true, seed).apply(batch, 4);
        return batch;
    }

    @Test
    void offByDefaultAndRefusedOnExamplesThatAreNotImages() {
        assertThat(Augmentation.of(new int[] {10}, 1, 4.0 / 3, false, 0)).isSameAs(Augmentation.NONE);
        assertThatThrownBy(() -> Augmentation.of(new int[] {10}, 0.5, 4.0 / 3, false, 0))
                .hasMessage("crops and flips need images [height, width, channels], got shape [10]");
    }
}
