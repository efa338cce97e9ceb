package io.pretrainbench.results.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignedBundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper CANONICAL =
            new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    @TempDir
    Path dir;

    private SqliteResultStore store() {
        SqliteResultStore store = SqliteResultStore.open(dir.resolve("a.db"));
        store.startRun(Cells.run());
        store.record(Cells.succeeded("m0", "mae", 100, 0, 0.71));
        store.record(Cells.succeeded("s0", "scratch", 100, 0, 0.62));
        return store;
    }

    private Path signedBundle(SigningKey key) throws Exception {
        Path bundle = dir.resolve("signed.json");
        try (SqliteResultStore store = store()) {
            Bundle.writeSigned(store, bundle, key);
        }
        return bundle;
    }

    /** What a forger does: changes one number and recomputes the content hash, so only the signature can tell. */
    static String forge(String bundleText, String from, String to) throws Exception {
        ObjectNode root = (ObjectNode) JSON.readTree(bundleText.replace(from, to));
        byte[] canonical = CANONICAL.writeValueAsBytes(JSON.convertValue(root.get("content"), Object.class));
        root.put(
                "content_sha256",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical)));
        return CANONICAL.writeValueAsString(root);
    }

    @Test
    void keygenWritesAPrivateKeyOnlyItsOwnerCanReadAndAPublicKeyBesideIt() throws Exception {
        Path file = dir.resolve("keys/me.key");
        SigningKey key = SigningKey.generate();
        key.save(file);

        assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(SigningKey.publicKeyFile(file))).startsWith("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(SigningKey.read(file).fingerprint())
                .isEqualTo(key.fingerprint())
                .matches("([0-9a-f]{4}:){15}[0-9a-f]{4}");
        assertThatThrownBy(() -> key.save(file)).hasMessageContaining("not overwriting");
    }

    @Test
    void aKeyReadsAsDerToo() throws Exception {
        Path pem = dir.resolve("pem.key");
        SigningKey key = SigningKey.generate();
        key.save(pem);
        Path der = dir.resolve("der.key");
        Files.write(
                der,
                java.util.Base64.getMimeDecoder().decode(Files.readString(pem).replaceAll("-----[A-Z ]+-----", "")));
        Files.copy(SigningKey.publicKeyFile(pem), SigningKey.publicKeyFile(der));

        assertThat(SigningKey.read(der).fingerprint()).isEqualTo(key.fingerprint());
    }

    @Test
    void aPrivateKeyWithSomeoneElsesPublicKeyIsRefused() throws Exception {
        Path a = dir.resolve("a.key");
        Path b = dir.resolve("b.key");
        SigningKey.generate().save(a);
        SigningKey.generate().save(b);
        Files.copy(
                SigningKey.publicKeyFile(b),
                SigningKey.publicKeyFile(a),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> SigningKey.read(a))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a.key.pub is not the public key of")
                .hasMessageContaining("a.key");
    }

    @Test
    void aSignedBundleReadsWithItsSignersFingerprint() throws Exception {
        SigningKey key = SigningKey.generate();
        Bundle.Contents contents = Bundle.read(signedBundle(key));

        assertThat(contents.signature()).map(BundleSignature::fingerprint).contains(key.fingerprint());
        assertThat(contents.cells()).hasSize(2);
    }

    @Test
    void oneChangedDigitWithARecomputedHashPassesTheHashButBreaksTheSignature() throws Exception {
        SigningKey key = SigningKey.generate();
        String text = Files.readString(signedBundle(key));
        assertThat(text).contains("\"test_accuracy\":0.71");
        Path forged = Files.writeString(
                dir.resolve("forged.json"), forge(text, "\"test_accuracy\":0.71", "\"test_accuracy\":0.81"));

        assertThatThrownBy(() -> Bundle.read(forged))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(forged.toString())
                .hasMessageContaining("bad signature")
                .hasMessageContaining(key.fingerprint())
                .hasMessageContaining("nothing was imported")
                .hasMessageNotContaining("hash mismatch");
    }

    @Test
    void anUnsignedBundleReadsWithoutSignatureAndAVersion1BundleStillReads() throws Exception {
        Path unsigned = dir.resolve("unsigned.json");
        try (SqliteResultStore store = store()) {
            Bundle.write(store, unsigned);
        }
        assertThat(Bundle.read(unsigned).signature()).isEmpty();

        Path version1 = Files.writeString(
                dir.resolve("v1.json"),
                Files.readString(unsigned).replace("\"format_version\":2", "\"format_version\":1"));
        assertThat(Files.readString(version1)).contains("\"format_version\":1");
        assertThat(Bundle.read(version1).cells()).hasSize(2);
    }
}
