package io.pretrainbench.results.bundle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 key pair that signs bundles, kept as two files: the private key ({@code KEY}, PKCS#8, PEM, readable by its
 * owner only) and the public key beside it ({@code KEY.pub}, X.509 SubjectPublicKeyInfo, PEM). Both are read as PEM or
 * DER. Only the JDK's own Ed25519 is used, so there is no cryptography dependency to trust.
 */
public final class SigningKey {
    static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE_PEM = "PRIVATE KEY";
    private static final String PUBLIC_PEM = "PUBLIC KEY";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key pair from the JDK's {@code KeyPairGenerator.getInstance("Ed25519")}. */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            return new SigningKey(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ platform", e);
        }
    }

    /** The public key's file: {@code KEY.pub} beside {@code KEY}. */
    public static Path publicKeyFile(Path privateKeyFile) {
        return privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
    }

    /**
     * Writes {@code file} (mode 600 where the file system has POSIX permissions) and {@code file.pub}; refuses to
     * overwrite either, since losing a key loses the identity it signed with.
     */
    public void save(Path file) throws IOException {
        Path pub = publicKeyFile(file);
        for (Path p : new Path[] {file, pub}) {
            if (Files.exists(p)) {
                throw new FileAlreadyExistsException(p.toString(), null, "a key is there already; not overwriting it");
            }
        }
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        Files.writeString(file, pem(PRIVATE_PEM, privateKey.getEncoded()));
        Files.writeString(pub, pem(PUBLIC_PEM, publicKey.getEncoded()));
    }

    /**
     * Reads {@code file} and {@code file.pub} and checks that they are one pair.
     *
     * @throws IllegalArgumentException naming the file and what is wrong
     */
    public static SigningKey read(Path file) {
        Path pub = publicKeyFile(file);
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der(file, PRIVATE_PEM)));
            PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(der(pub, PUBLIC_PEM)));
            SigningKey key = new SigningKey(privateKey, publicKey);
            byte[] probe = "pretrainbench key pair check".getBytes(StandardCharsets.UTF_8);
            if (!BundleSignature.verifies(publicKey, probe, key.sign(probe))) {
                throw new IllegalArgumentException(
                        pub + " is not the public key of " + file + " (pretrain-bench keygen writes a matching pair)");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "signing key " + file + " (with " + pub + ") is not an " + ALGORITHM
                            + " key pair in PKCS#8/X.509 PEM or DER: " + e.getMessage(),
                    e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** {@link BundleSignature#fingerprint(PublicKey)} of the public key. */
    public String fingerprint() {
        return BundleSignature.fingerprint(publicKey);
    }

    byte[] sign(byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with an " + ALGORITHM + " key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The DER bytes of a PEM file of the given type, or the file's bytes when it is not PEM. */
    private static byte[] der(Path file, String type) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read key file " + file + ": " + e, e);
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        String begin = "-----BEGIN " + type + "-----";
        int start = text.indexOf(begin);
        if (start < 0) {
            if (text.contains("-----BEGIN ")) {
                throw new IllegalArgumentException("key file " + file + " is PEM but not a '" + type + "'");
            }
            return Arrays.copyOf(bytes, bytes.length);
        }
        int end = text.indexOf("-----END " + type + "-----", start);
        if (end < 0) {
            throw new IllegalArgumentException("key file " + file + " has no '-----END " + type + "-----' line");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("key file " + file + " has damaged base64: " + e.getMessage(), e);
        }
    }
}
