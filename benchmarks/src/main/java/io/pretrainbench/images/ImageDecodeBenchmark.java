package io.pretrainbench.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decoding through the {@code image-folder} plugin's decoder ({@link ImageDecoder}, the JDK's ImageIO), in images per
 * second: colour images written by the set-up in the format under test, decoded from memory, so the figure leaves out
 * the disk. In this package because the decoder is package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g", "-Djava.awt.headless=true"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class ImageDecodeBenchmark {
    static final int IMAGES = 64;
    private static final Path NAME = Path.of("benchmark-image");

    /** {@code png} (lossless) or {@code jpg} (ImageIO's default quality, 0.75). */
    @Param({"png", "jpg"})
    public String format;

    /** Side in pixels: CIFAR's 32 or STL-10's 96. */
    @Param({"32", "96"})
    public int side;

    private byte[][] files;

    /**
     * Smooth colour gradients with seeded noise, so that PNG's filters and JPEG's transform meet something like a
     * photograph rather than noise (incompressible) or a flat field (trivial).
     */
    @Setup(Level.Trial)
    public void writeImages() {
        Random random = new Random(0);
        files = new byte[IMAGES][];
        for (int n = 0; n < IMAGES; n++) {
            BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int r = (x * 255 / side + random.nextInt(24)) & 0xff;
                    int g = (y * 255 / side + random.nextInt(24)) & 0xff;
                    int b = ((x + y) * 127 / side + n * 4) & 0xff;
                    image.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                if (!ImageIO.write(image, format, out)) {
                    throw new IllegalStateException("ImageIO has no writer for " + format);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            files[n] = out.toByteArray();
        }
    }

    @Benchmark
    @OperationsPerInvocation(IMAGES)
    public void decode(Blackhole sink) {
        for (byte[] file : files) {
            sink.consume(ImageDecoder.read(NAME, file, 3));
        }
    }
}
