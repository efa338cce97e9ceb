package io.pretrainbench.api.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The on-disk form of an {@link EncoderState}: a small binary format (magic, architecture, config, named float tensors
 * in big-endian IEEE-754) followed by the SHA-256 of everything before it. Floats are stored bit-for-bit, so a restored
 * encoder computes exactly what the saved one did, and the checksum catches a truncated or altered file.
 */
public final class EncoderStateCodec {
    private static final String MAGIC = "PRETRAINBENCH-ENCODER";
    private static final int FORMAT = 1;

    private EncoderStateCodec() {}

    /** Writes the state and returns its SHA-256 (hex), which is also appended to the stream. */
    public static String write(EncoderState state, OutputStream out) throws IOException {
        MessageDigest digest = sha256();
        DataOutputStream data = new DataOutputStream(new DigestOutputStream(out, digest));
        data.writeUTF(MAGIC);
        data.writeInt(FORMAT);
        data.writeUTF(state.architecture());
        data.writeInt(state.config().size());
        for (Map.Entry<String, String> e : state.config().entrySet()) {
            data.writeUTF(e.getKey());
            data.writeUTF(e.getValue());
        }
        Map<String, WeightTensor> tensors = state.weights().tensors();
        data.writeInt(tensors.size());
        for (Map.Entry<String, WeightTensor> e : tensors.entrySet()) {
            data.writeUTF(e.getKey());
            long[] shape = e.getValue().shape();
            data.writeInt(shape.length);
            for (long d : shape) {
                data.writeLong(d);
            }
            var values = e.getValue().buffer();
            data.writeInt(values.remaining());
            while (values.hasRemaining()) {
                data.writeFloat(values.get());
            }
        }
        data.flush();
        byte[] hash = digest.digest();
        out.write(hash);
        out.flush();
        return HexFormat.of().formatHex(hash);
    }

    /** Reads a state written by {@link #write}; fails if the file is not one, or its checksum does not match. */
    public static EncoderState read(InputStream in) throws IOException {
        try {
            return readChecked(in);
        } catch (java.io.EOFException | java.io.UTFDataFormatException e) {
            throw new IOException("not a PretrainBench encoder file, or truncated: " + e, e);
        }
    }

    private static EncoderState readChecked(InputStream in) throws IOException {
        MessageDigest digest = sha256();
        DataInputStream data = new DataInputStream(new DigestInputStream(in, digest));
        String magic = data.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a PretrainBench encoder file (magic '" + magic + "')");
        }
        int format = data.readInt();
        if (format != FORMAT) {
            throw new IOException("encoder file format " + format + " is not supported (expected " + FORMAT + ")");
        }
        String architecture = data.readUTF();
        Map<String, String> config = new TreeMap<>();
        for (int i = data.readInt(); i > 0; i--) {
            config.put(data.readUTF(), data.readUTF());
        }
        Map<String, WeightTensor> tensors = new LinkedHashMap<>();
        for (int n = data.readInt(); n > 0; n--) {
            String name = data.readUTF();
            long[] shape = new long[data.readInt()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = data.readLong();
            }
            float[] values = new float[data.readInt()];
            for (int i = 0; i < values.length; i++) {
                values[i] = data.readFloat();
            }
            tensors.put(name, new WeightTensor(shape, values));
        }
        byte[] expected = digest.digest();
        byte[] actual = in.readNBytes(expected.length);
        if (!Arrays.equals(expected, actual)) {
            throw new IOException("encoder file checksum mismatch: the file is truncated or was modified");
        }
        return new EncoderState(architecture, config, new Weights(tensors));
    }

    /** SHA-256 (hex) of the state's serialised form: a content address for caches and results. */
    public static String checksum(EncoderState state) {
        try {
            return write(state, new ByteArrayOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write cannot fail", e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
