package io.pretrainbench.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header and size validation on small crafted IDX files. */
class IdxReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, int magic, int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            for (int i = 0; i < dataBytes; i++) {
                out.writeByte(i % 3);
            }
        }
        return Files.write(dir.resolve(name), bytes.toByteArray());
    }

    private static byte[] content(Path file) throws IOException {
        return IdxReader.gunzip(file, sha256());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void gunzipDigestsTheFilesBytes() throws IOException {
        Path labels = write("lab.gz", IdxReader.LABELS_MAGIC, new int[] {3}, 3);
        MessageDigest digest = sha256();
        IdxReader.gunzip(labels, digest);
        assertThat(digest.digest()).isEqualTo(sha256().digest(Files.readAllBytes(labels)));
    }

    @Test
    void readsValidFilesAsTheirStoredPixels() throws IOException {
        Path images = write("img.gz", IdxReader.IMAGES_MAGIC, new int[] {2, 2, 2}, 8);
        assertThat(IdxReader.readImages(images, content(images), 2, 2, 2)).containsExactly(0, 1, 2, 0, 1, 2, 0, 1);
        Path labels = write("lab.gz", IdxReader.LABELS_MAGIC, new int[] {3}, 3);
        assertThat(IdxReader.readLabels(labels, content(labels), 3, 10)).containsExactly(0, 1, 2);
    }

    @Test
    void aWrongMagicNumberNamesTheFile() throws IOException {
        Path file = write("swapped.gz", IdxReader.LABELS_MAGIC, new int[] {2, 2, 2}, 8);
        assertThatThrownBy(() -> IdxReader.readImages(file, content(file), 2, 2, 2))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not an IDX image file");
    }

    @Test
    void aWrongCountOrSizeSaysWhatWasExpected() throws IOException {
        Path file = write("short.gz", IdxReader.IMAGES_MAGIC, new int[] {5, 28, 28}, 5 * 28 * 28);
        assertThatThrownBy(() -> IdxReader.readImages(file, content(file), 60_000, 28, 28))
                .hasMessageContaining("holds 5 images of 28×28, expected 60000 of 28×28");
    }

    @Test
    void truncatedAndOverlongFilesAreRefused() throws IOException {
        Path truncated = write("truncated.gz", IdxReader.IMAGES_MAGIC, new int[] {2, 2, 2}, 5);
        assertThatThrownBy(() -> IdxReader.readImages(truncated, content(truncated), 2, 2, 2))
                .hasMessageContaining("truncated");
        Path overlong = write("overlong.gz", IdxReader.LABELS_MAGIC, new int[] {2}, 3);
        assertThatThrownBy(() -> IdxReader.readLabels(overlong, content(overlong), 2, 10))
                .hasMessageContaining("data after");
    }

    @Test
    void aFileThatIsNotGzipIsRefused() throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.gz"), "hello");
        assertThatThrownBy(() -> content(plain)).isInstanceOf(ZipException.class);
    }
}
