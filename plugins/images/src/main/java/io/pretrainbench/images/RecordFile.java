package io.pretrainbench.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file of fixed-size records with no header, the layout of the CIFAR and STL-10 binary releases. Read as a stream,
 * one record at a time, so that a file larger than any Java array (STL-10's unlabelled images, 2.8 GB) can be checked
 * and hashed in the same pass that decodes it.
 */
final class RecordFile {
    /** Receives each record in turn; the array is reused for the next record. */
    @FunctionalInterface
    interface RecordVisitor {
        void record(int index, byte[] record);
    }

    private RecordFile() {}

    /**
     * The number of records in {@code file}, refusing a file whose size is not a positive whole number of records (a
     * truncated download, or another data set's file).
     *
     * @param what the data set and file, for the message (e.g. "a CIFAR-10 batch")
     */
    static int count(Path file, int recordSize, String what) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        if (size == 0 || size % recordSize != 0) {
            throw new IllegalArgumentException(file + ": " + size + " bytes is not a whole number of " + recordSize
                    + "-byte records of " + what + ": the file is truncated or not " + what);
        }
        long count = size / recordSize;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(file + ": " + count + " records, more than " + Integer.MAX_VALUE);
        }
        return (int) count;
    }

    /** A fresh SHA-256 digest, for {@link #scan} to update. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** SHA-256 of a small file's bytes, hex-encoded (a manifest, a fold list). */
    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(sha256().digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Streams the first {@code limit} records of {@code file} (all when {@code limit} is 0) to {@code visitor}, adding
     * the bytes visited to {@code digest}. The file's size must have been checked with {@link #count}.
     */
    static void scan(Path file, int recordSize, int limit, MessageDigest digest, RecordVisitor visitor) {
        byte[] record = new byte[recordSize];
        try (InputStream in = Files.newInputStream(file)) {
            for (int i = 0; limit == 0 || i < limit; i++) {
                int read = in.readNBytes(record, 0, recordSize);
                if (read == 0) {
                    break;
                }
                if (read < recordSize) {
                    throw new IllegalArgumentException(file + ": record " + i + " is cut short after " + read + " of "
                            + recordSize + " bytes: the file is truncated");
                }
                digest.update(record);
                visitor.record(i, record);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
