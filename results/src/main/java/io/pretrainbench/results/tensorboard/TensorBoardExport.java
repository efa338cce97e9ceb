package io.pretrainbench.results.tensorboard;

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
import org.tensorflow.EagerSession;
import org.tensorflow.op.Ops;
import org.tensorflow.op.summary.SummaryWriter;

/**
 * Writes every stored cell's training curves as TensorBoard scalars: run folder {@code DIR/<cell label>} (e.g.
 * {@code mae/fmnist-10class/m=100/linear-probe/seed=0}; cells whose labels coincide, such as two parameter sets of one
 * method, get {@code @<first 8 characters of the cell id>} appended), tag {@code loss/<phase>} ({@code loss/pretrain},
 * {@code loss/finetune}), step = the 1-based step of the stored curve. TensorBoard keeps scalars as 32-bit floats, so
 * a value reads back as {@code (float)} the stored double.
 *
 * <p>The files are written by TensorFlow's summary kernels (CreateSummaryFileWriter, WriteScalarSummary,
 * FlushSummaryWriter, CloseSummaryWriter) in an eager session, so they are exactly what TensorFlow itself writes. Their
 * names end in {@value #SUFFIX}; writing again replaces the earlier files of that suffix in each run folder (and only
 * those), so repeated exports do not show every curve twice.
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
    try (EagerSession session = EagerSession.create()) {
      Ops tf = Ops.create(session);
      int writers = 0;
      for (StoredCell cell : cells) {
        Map<String, List<Double>> curves = store.curves(cell.key().cellId());
        if (curves.isEmpty()) {
          continue;
        }
        Path run = dir.resolve(runs.get(cell));
        removeEarlierEvents(run);
        SummaryWriter writer = tf.summary.summaryWriter(SummaryWriter.sharedName("cell-" + writers++));
        tf.summary.createSummaryFileWriter(writer, tf.constant(run.toAbsolutePath().toString()),
            tf.constant(Integer.MAX_VALUE), tf.constant(Integer.MAX_VALUE), tf.constant(SUFFIX));
        for (Map.Entry<String, List<Double>> curve : new java.util.TreeMap<>(curves).entrySet()) {
          var tag = tf.constant("loss/" + curve.getKey());
          List<Double> losses = curve.getValue();
          for (int i = 0; i < losses.size(); i++) {
            tf.summary.writeScalarSummary(writer, tf.constant((long) i + 1), tag, tf.constant(losses.get(i)));
          }
          scalars += losses.size();
        }
        tf.summary.flushSummaryWriter(writer);
        tf.summary.closeSummaryWriter(writer);
        written++;
      }
    }
    return new Summary(written, scalars);
  }

  /** Each cell's run folder, relative to the output folder: its label, made unique where labels coincide. */
  static Map<StoredCell, String> runNames(List<StoredCell> cells) {
    Map<String, Integer> count = new HashMap<>();
    cells.forEach(c -> count.merge(c.key().label(), 1, Integer::sum));
    Map<StoredCell, String> names = new LinkedHashMap<>();
    for (StoredCell c : cells) {
      String label = c.key().label();
      String id = c.key().cellId();
      names.put(c, count.get(label) > 1 ? label + "@" + id.substring(0, Math.min(8, id.length())) : label);
    }
    return names;
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
