package io.pretrainbench.results.bundle;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bundle's Ed25519 signature over its canonical content (the bytes its content hash is taken of), with the signer's
 * public key. The key travels with the bundle, so a signature proves the content is what that key's holder signed; who
 * holds the key is for the reader to know, by its {@link #fingerprint}.
 *
 * @param publicKey the signer's public key, X.509 SubjectPublicKeyInfo bytes
 * @param value the signature bytes
 */
public record BundleSignature(byte[] publicKey, byte[] value) {
    public BundleSignature {
        publicKey = Arrays.copyOf(publicKey, publicKey.length);
        value = Arrays.copyOf(value, value.length);
    }

    @Override
    public byte[] publicKey() {
        return Arrays.copyOf(publicKey, publicKey.length);
    }

    @Override
    public byte[] value() {
        return Arrays.copyOf(value, value.length);
    }

    static BundleSignature sign(SigningKey key, byte[] canonicalContent) {
        return new BundleSignature(key.publicKey().getEncoded(), key.sign(canonicalContent));
    }

    /** Whether {@link #value} is this key's signature of {@code canonicalContent}; false for a malformed key. */
    boolean verifies(byte[] canonicalContent) {
        try {
            PublicKey key =
                    KeyFactory.getInstance(SigningKey.ALGORITHM).generatePublic(new X509EncodedKeySpec(publicKey));
            return verifies(key, canonicalContent, value);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static boolean verifies(PublicKey key, byte[] message, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(SigningKey.ALGORITHM);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) { // a malformed signature is a bad one
            return false;
        }
    }

    /** The signer's key fingerprint: {@link #fingerprint(byte[])} of {@link #publicKey}. */
    public String fingerprint() {
        return fingerprint(publicKey);
    }

    /** {@link #fingerprint(byte[])} of the key's X.509 encoding. */
    public static String fingerprint(PublicKey key) {
        return fingerprint(key.getEncoded());
    }

    /**
     * SHA-256 of the encoded public key, hex in groups of four for reading aloud and comparing by eye, e.g.
     * {@code 3f2a:91bc:...} (16 groups).
     */
    static String fingerprint(byte[] encodedPublicKey) {
        try {
            String hex = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(encodedPublicKey));
            return String.join(":", hex.split("(?<=\\G.{4})"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("algorithm", SigningKey.ALGORITHM);
        json.put("public_key", java.util.Base64.getEncoder().encodeToString(publicKey));
        json.put("value", java.util.Base64.getEncoder().encodeToString(value));
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BundleSignature s && Arrays.equals(publicKey, s.publicKey) && Arrays.equals(value, s.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(publicKey) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "BundleSignature[" + fingerprint() + "]";
    }
}
