package io.pretrainbench.tensorboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.results.store.CellKey;
import io.pretrainbench.results.store.CellResult;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Event files read back with an independent TFRecord reader (length, masked CRC-32C, payload, masked CRC-32C). */
class TensorBoardExportTest {
    @TempDir
    Path dir;

    /** A curve whose values are not exact in float, so the float conversion is checked too. */
    private static final List<Double> LONG_CURVE = Stream.iterate(1, i -> i + 1)
            .limit(300)
            .map(i -> 2.0 / 3 + Math.log(i) / 7)
            .toList();

    /** The cell with other method and corpus parameters. */
    private static CellResult with(
            CellResult cell, String methodParams, String corpusParams, Map<String, List<Double>> curves) {
        CellKey k = cell.key();
        return new CellResult(
                new CellKey(
                        k.cellId(),
                        k.method(),
                        methodParams,
                        k.corpus(),
                        corpusParams,
                        k.pretrainSeed(),
                        k.task(),
                        k.taskParams(),
                        k.budget(),
                        k.protocol(),
                        k.protocolParams(),
                        k.seed(),
                        k.estimators(),
                        k.pluginVersions(),
                        k.dataChecksum()),
                cell.runId(),
                cell.outcome(),
                curves);
    }

    private SqliteResultStore store() {
        SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"));
        store.startRun(Cells.run());
        String full = "{\"mask_ratio\":0.75}";
        CellResult a = Cells.succeeded("a1", "mae", 100, 0, 0.8); // pretrain [1.0, 0.5], finetune [2.0, 1.0, 0.5]
        store.record(with(a, full, "{}", a.curves()));
        store.record(with(
                Cells.succeeded("b2", "mae", 100, 1, 0.7),
                full,
                "{}",
                Map.of("pretrain", LONG_CURVE, "finetune", List.of(0.25))));
        // Another parameter set of mae: named by the setting that differs.
        store.record(with(
                Cells.succeeded("c3", "mae", 100, 0, 0.7),
                "{\"mask_ratio\":0.5}",
                "{}",
                Map.of("finetune", List.of(3.0, 2.5))));
        // Two cells that differ only in the corpus' parameters: the same label, told apart by their ids.
        store.record(with(
                Cells.succeeded("d5-small", "scratch", 100, 0, 0.6),
                "{}",
                "{\"limit\":10}",
                Map.of("finetune", List.of(1.5))));
        store.record(with(
                Cells.succeeded("d6-large", "scratch", 100, 0, 0.6),
                "{}",
                "{\"limit\":20}",
                Map.of("finetune", List.of(1.25))));
        store.record(Cells.failed("f4", "mae", 100, 2, "no curves"));
        return store;
    }

    @Test
    void everyStoredCurveReadsBackWithItsTagStepsAndValues() throws Exception {
        try (SqliteResultStore store = store()) {
            TensorBoardExport.Summary summary = TensorBoardExport.write(store, dir.resolve("tb"));
            assertThat(summary.runs()).isEqualTo(5); // the failed cell has no curves
            assertThat(summary.scalars()).isEqualTo(2 + 3 + 300 + 1 + 2 + 1 + 1);

            Path tb = dir.resolve("tb");
            assertThat(read(tb.resolve("mae{mask_ratio=0.75}/task/m=100/linear-probe/seed=1")))
                    .isEqualTo(Map.of("loss/pretrain", asFloats(LONG_CURVE), "loss/finetune", asFloats(List.of(0.25))));
            assertThat(read(tb.resolve("mae{mask_ratio=0.75}/task/m=100/linear-probe/seed=0")))
                    .isEqualTo(Map.of(
                            "loss/pretrain",
                            asFloats(List.of(1.0, 0.5)),
                            "loss/finetune",
                            asFloats(List.of(2.0, 1.0, 0.5))));
            assertThat(read(tb.resolve("mae{mask_ratio=0.5}/task/m=100/linear-probe/seed=0")))
                    .isEqualTo(Map.of("loss/finetune", asFloats(List.of(3.0, 2.5))));
            assertThat(read(tb.resolve("scratch/task/m=100/linear-probe/seed=0@d5-small")))
                    .isEqualTo(Map.of("loss/finetune", asFloats(List.of(1.5))));
            assertThat(read(tb.resolve("scratch/task/m=100/linear-probe/seed=0@d6-large")))
                    .isEqualTo(Map.of("loss/finetune", asFloats(List.of(1.25))));
            assertThat(tb.resolve("mae/task/m=100/linear-probe/seed=2")).doesNotExist();
        }
    }

    @Test
    void writingAgainReplacesTheEarlierFilesInsteadOfDoublingTheCurves() throws Exception {
        try (SqliteResultStore store = store()) {
            Path run = dir.resolve("tb/mae{mask_ratio=0.75}/task/m=100/linear-probe/seed=1");
            TensorBoardExport.write(store, dir.resolve("tb"));
            Files.writeString(run.resolve("notes.txt"), "kept");
            TensorBoardExport.write(store, dir.resolve("tb"));
            try (Stream<Path> files = Files.list(run)) {
                assertThat(files.map(p -> p.getFileName().toString()).toList())
                        .hasSize(2)
                        .contains("notes.txt")
                        .anyMatch(n -> n.startsWith("events.out.tfevents.") && n.endsWith(TensorBoardExport.SUFFIX));
            }
            assertThat(read(run).get("loss/pretrain")).hasSize(300);
        }
    }

    private static List<Float> asFloats(List<Double> values) {
        return values.stream().map(Double::floatValue).toList();
    }

    /** tag → values by step (1, 2, ...) from every event file in the run folder; checks framing, CRCs and steps. */
    private static Map<String, List<Float>> read(Path run) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(run)) {
            files = list.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents."))
                    .toList();
        }
        assertThat(files).as("event files in %s", run).hasSize(1);
        Map<String, List<Float>> scalars = new TreeMap<>();
        List<Event> events =
                records(files.get(0)).stream().map(TensorBoardExportTest::event).toList();
        assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
        for (Event e : events.subList(1, events.size())) {
            assertThat(e.getSummary().getValueCount()).isEqualTo(1);
            Summary.Value v = e.getSummary().getValue(0);
            List<Float> values = scalars.computeIfAbsent(v.getTag(), t -> new ArrayList<>());
            assertThat(e.getStep()).as("step of %s", v.getTag()).isEqualTo(values.size() + 1);
            values.add(v.getSimpleValue());
        }
        return scalars;
    }

    private static Event event(byte[] data) {
        try {
            return Event.parseFrom(data);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError("not an Event", e);
        }
    }

    /**
     * TFRecord: u64 length, u32 masked CRC-32C of the length, the data, u32 masked CRC-32C of the data (little-endian).
     */
    private static List<byte[]> records(Path file) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                DataInputStream data = new DataInputStream(in)) {
            while (true) {
                byte[] header = new byte[12];
                try {
                    data.readFully(header);
                } catch (EOFException end) {
                    break;
                }
                ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
                long length = h.getLong();
                assertThat(h.getInt()).as("length CRC").isEqualTo(maskedCrc(header, 8));
                byte[] payload = new byte[Math.toIntExact(length)];
                data.readFully(payload);
                byte[] footer = new byte[4];
                data.readFully(footer);
                assertThat(ByteBuffer.wrap(footer)
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getInt())
                        .as("data CRC")
                        .isEqualTo(maskedCrc(payload, payload.length));
                records.add(payload);
            }
        }
        return records;
    }

    private static int maskedCrc(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }
}
