package io.pretrainbench.tensorboard;

import io.pretrainbench.results.leaderboard.MethodLabels;
import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.StoredCell;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * Writes every stored cell's training curves as TensorBoard scalars: run folder {@code DIR/<cell label>} (e.g.
 * {@code mae/fmnist-10class/m=100/linear-probe/seed=0}, or {@code autoencoder{noise=0.3}/...} where a method or
 * protocol has several parameter sets; cells whose labels still coincide get {@code @<first 8 characters of the cell
 * id>} appended), tag {@code loss/<phase>} ({@code loss/pretrain}, {@code loss/finetune}), step = the 1-based step of
 * the stored curve. TensorBoard keeps scalars as 32-bit floats, so a value reads back as {@code (float)} the stored
 * double.
 *
 * <p>The files are written by TensorFlow's summary kernels (CreateSummaryFileWriter, WriteScalarSummary,
 * FlushSummaryWriter, CloseSummaryWriter) in one graph, so they are exactly what TensorFlow itself writes. Their names
 * end in {@value #SUFFIX}; writing again replaces the earlier files of that suffix in each run folder (and only those),
 * so repeated exports do not show every curve twice.
 */
public final class TensorBoardExport {
    /** The file-name suffix of the event files this class writes. */
    public static final String SUFFIX = ".pretrainbench";

    /** What was written. */
    public record Summary(int runs, long scalars) {}

    private TensorBoardExport() {}

    public static Summary write(ResultStore store, Path dir) {
        List<StoredCell> cells = store.cells();
        Map<StoredCell, String> runs = runNames(cells);
        int written = 0;
        long scalars = 0;
        // One graph, run once per scalar with fed tensors: far cheaper than building eager operations for every step.
        try (Graph graph = new Graph();
                Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TString> logdir = tf.placeholder(TString.class);
            Placeholder<TInt64> step = tf.placeholder(TInt64.class);
            Placeholder<TString> tag = tf.placeholder(TString.class);
            Placeholder<TFloat64> value = tf.placeholder(TFloat64.class);
            SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("tensorboard-export"));
            // Queue and flush interval at their maximum: events are written when the writer is flushed, once per cell.
            Op create = tf.summary.createSummaryFileWriter(
                    writer,
                    logdir,
                    tf.constant(Integer.MAX_VALUE),
                    tf.constant(Integer.MAX_VALUE),
                    tf.constant(SUFFIX));
            Op write = tf.summary.writeScalarSummary(writer, step, tag, value);
            Op flush = tf.summary.flushSummaryWriter(writer);
            Op close = tf.summary.closeSummaryWriter(writer);
            for (StoredCell cell : cells) {
                Map<String, List<Double>> curves = store.curves(cell.key().cellId());
                if (curves.isEmpty()) {
                    continue;
                }
                Path run = dir.resolve(runs.get(cell));
                removeEarlierEvents(run);
                try (TString path = TString.scalarOf(run.toAbsolutePath().toString())) {
                    session.runner().feed(logdir, path).addTarget(create).run();
                }
                for (Map.Entry<String, List<Double>> curve : new TreeMap<>(curves).entrySet()) {
                    List<Double> losses = curve.getValue();
                    try (TString name = TString.scalarOf("loss/" + curve.getKey())) {
                        for (int i = 0; i < losses.size(); i++) {
                            try (TInt64 s = TInt64.scalarOf(i + 1);
                                    TFloat64 v = TFloat64.scalarOf(losses.get(i))) {
                                session.runner()
                                        .feed(step, s)
                                        .feed(tag, name)
                                        .feed(value, v)
                                        .addTarget(write)
                                        .run();
                            }
                        }
                    }
                    scalars += losses.size();
                }
                session.runner().addTarget(flush).run();
                session.runner().addTarget(close).run();
                written++;
            }
        }
        return new Summary(written, scalars);
    }

    /**
     * Each cell's run folder, relative to the output folder: its label, with the method's and the protocol's parameters
     * that tell their variants apart (as the leaderboard names them, e.g. {@code autoencoder{noise=0.3}}), made unique
     * with the cell id where labels still coincide (cells that differ only in corpus or task parameters).
     */
    static Map<StoredCell, String> runNames(List<StoredCell> cells) {
        Map<String, Map<String, String>> methods = MethodLabels.distinguishing(
                cells, c -> c.key().method(), c -> c.key().methodParams());
        Map<String, Map<String, String>> protocols = MethodLabels.distinguishing(
                cells, c -> c.key().protocol(), c -> c.key().protocolParams());
        Map<StoredCell, String> labels = new LinkedHashMap<>();
        for (StoredCell c : cells) {
            var k = c.key();
            labels.put(
                    c,
                    named(k.method(), methods.get(k.method()).get(k.methodParams())) + "/" + k.task() + "/m="
                            + k.budget() + "/"
                            + named(k.protocol(), protocols.get(k.protocol()).get(k.protocolParams())) + "/seed="
                            + k.seed());
        }
        Map<String, Integer> count = new HashMap<>();
        labels.values().forEach(label -> count.merge(label, 1, Integer::sum));
        labels.replaceAll((c, label) -> count.get(label) == 1
                ? label
                : label + "@"
                        + c.key()
                                .cellId()
                                .substring(0, Math.min(8, c.key().cellId().length())));
        return labels;
    }

    /** A folder name: the leaderboard's label without spaces. */
    private static String named(String plugin, String settings) {
        return MethodLabels.named(plugin, settings).replace(", ", ",");
    }

    private static void removeEarlierEvents(Path run) {
        if (!Files.isDirectory(run)) {
            return;
        }
        List<Path> earlier = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(run, "events.out.tfevents.*" + SUFFIX)) {
            files.forEach(earlier::add);
            for (Path f : earlier) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the event files in " + run + ": " + e.getMessage(), e);
        }
    }
}
