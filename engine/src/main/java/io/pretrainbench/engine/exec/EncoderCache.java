package io.pretrainbench.engine.exec;

import io.pretrainbench.api.Cancellation;
import io.pretrainbench.api.model.Encoder;
import io.pretrainbench.api.model.EncoderState;
import io.pretrainbench.api.model.EncoderStateCodec;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Pre-trained encoders by pre-training key. Pre-training does not depend on the downstream task, budget, protocol or
 * seed, so it runs once per key and every cell that needs the encoder reuses it: first from memory, and across runs (a
 * resumed grid, a later grid) from the cache folder, where each encoder is a checksummed {@link EncoderStateCodec} file
 * written atomically, with its pre-training loss curve beside it ({@code KEY.curve}, one loss per line), so that
 * estimators reading the curve see it whichever way the encoder was obtained.
 *
 * <p>The first cell to ask trains; concurrent cells asking for the same key wait for it. A failed pre-training is
 * remembered for the rest of the run (its cells fail fast with its error) and retried by the next run.
 */
public final class EncoderCache {
    /**
     * An encoder ready for fine-tuning.
     *
     * @param checksum SHA-256 of its saved state
     * @param curve the pre-training loss per step (empty for an encoder cached before curves were kept)
     * @param source {@code trained} (by this cell, which alone stores the curve with its results), {@code memory} or
     *     {@code disk}
     */
    public record Pretrained(Encoder encoder, String checksum, List<Double> curve, String source) {
        public boolean trainedHere() {
            return source.equals("trained");
        }
    }

    private final Path folder;
    private final Map<String, CompletableFuture<Pretrained>> entries = new ConcurrentHashMap<>();
    private final Map<String, String> pretrainedElsewhere = new ConcurrentHashMap<>();
    private volatile java.util.function.BiConsumer<String, String> onSaved = (key, checksum) -> {};

    public EncoderCache(Path folder) {
        this.folder = folder;
    }

    /**
     * The encoder for {@code key}, trained by {@code train} if no one has it yet.
     *
     * @param train runs pre-training and returns the encoder with its loss curve
     */
    public Pretrained obtain(String key, PretrainingMethod method, Supplier<Trained> train, Cancellation cancellation) {
        CompletableFuture<Pretrained> mine = new CompletableFuture<>();
        CompletableFuture<Pretrained> existing = entries.putIfAbsent(key, mine);
        if (existing != null) {
            Pretrained shared = await(existing, cancellation);
            return new Pretrained(shared.encoder(), shared.checksum(), shared.curve(), "memory");
        }
        try {
            Pretrained result = loadFromDisk(key, method);
            if (result == null && pretrainedElsewhere.containsKey(key)) {
                throw new IllegalStateException("encoder " + key + " was pre-trained by " + pretrainedElsewhere.get(key)
                        + " but is not in the encoder cache " + folder.toAbsolutePath()
                        + ": give every worker the same --encoder-cache, on a filesystem they all share");
            }
            if (result == null) {
                Trained trained = train.get();
                String checksum = save(key, trained.encoder().state(), trained.curve());
                onSaved.accept(key, checksum);
                result = new Pretrained(trained.encoder(), checksum, trained.curve(), "trained");
            }
            mine.complete(result);
            return result;
        } catch (RuntimeException | Error e) {
            // Wrapped so that waiting cells see it as this cell's failure (a bare CancellationException would read as
            // their own cancellation).
            mine.completeExceptionally(new java.util.concurrent.CompletionException(e));
            throw e;
        }
    }

    /**
     * Says that another process pre-trained {@code key} into this cache folder (a cluster's shared one):
     * {@link #obtain} then loads it from there and never trains it again, and fails clearly if the file is not there.
     *
     * @param by who pre-trained it, for the message
     */
    public void pretrainedElsewhere(String key, String by) {
        pretrainedElsewhere.put(key, by);
    }

    /**
     * Called with the key and checksum of each encoder this cache has just pre-trained and saved, before the cell that
     * trained it goes on to fine-tune: a distributed worker tells the others that the encoder is ready.
     */
    public void onSaved(java.util.function.BiConsumer<String, String> listener) {
        onSaved = listener;
    }

    /** What pre-training returns: the encoder and its loss per step. */
    public record Trained(Encoder encoder, List<Double> curve) {}

    private static Pretrained await(CompletableFuture<Pretrained> future, Cancellation cancellation) {
        while (true) {
            cancellation.checkpoint();
            try {
                return future.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillTraining) {
                // keep waiting, but honour this cell's own time limit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for pre-training", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IllegalStateException(
                        "pre-training failed in another cell: "
                                + cause.getClass().getSimpleName() + ": " + cause.getMessage(),
                        cause);
            }
        }
    }

    private Path file(String key) {
        return folder.resolve(key + ".encoder");
    }

    private Pretrained loadFromDisk(String key, PretrainingMethod method) {
        Path file = file(key);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            EncoderState state = EncoderStateCodec.read(in);
            return new Pretrained(method.restore(state), EncoderStateCodec.checksum(state), readCurve(key), "disk");
        } catch (IOException | RuntimeException e) {
            // A damaged cache entry is not fatal: pre-train again and overwrite it.
            System.err.println("warning: ignoring damaged cached encoder " + file + ": " + e.getMessage());
            return null;
        }
    }

    private List<Double> readCurve(String key) throws IOException {
        Path file = folder.resolve(key + ".curve");
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try (var lines = Files.lines(file)) {
            return lines.map(Double::valueOf).toList();
        }
    }

    private String save(String key, EncoderState state, List<Double> curve) {
        try {
            Files.createDirectories(folder);
            // The curve first: an encoder file is only ever seen with its curve complete beside it.
            Path curveTemp = Files.createTempFile(folder, key, ".tmp");
            Files.write(curveTemp, curve.stream().map(String::valueOf).toList());
            Files.move(
                    curveTemp,
                    folder.resolve(key + ".curve"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Path temp = Files.createTempFile(folder, key, ".tmp");
            String checksum;
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(temp))) {
                checksum = EncoderStateCodec.write(state, out);
            }
            Files.move(temp, file(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return checksum;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save encoder to " + folder, e);
        }
    }
}
