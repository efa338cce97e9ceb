package io.pretrainbench.results.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.results.leaderboard.Leaderboard;
import io.pretrainbench.results.leaderboard.LeaderboardFilter;
import io.pretrainbench.results.leaderboard.LeaderboardRow;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleTest {
    @TempDir
    Path dir;

    private Path bundleOfAStore() throws Exception {
        try (SqliteResultStore a = SqliteResultStore.open(dir.resolve("a.db"))) {
            a.startRun(Cells.run());
            for (int s = 0; s < 3; s++) {
                a.record(Cells.succeeded("m" + s, "mae", 100, s, 0.7 + 0.01 * s));
                a.record(Cells.succeeded("s" + s, "scratch", 100, s, 0.6 + 0.02 * s));
            }
            a.record(Cells.failed("f", "mae", 100, 9, "boom"));
            Path bundle = dir.resolve("submission.json");
            assertThat(Bundle.write(a, bundle)).hasSize(64);
            return bundle;
        }
    }

    private List<LeaderboardRow> board(Path db) {
        try (SqliteResultStore store = SqliteResultStore.open(db)) {
            return Leaderboard.compute(store.cells(), LeaderboardFilter.ALL);
        }
    }

    @Test
    void aBundleImportedIntoAnotherStoreGivesTheSameLeaderboard() throws Exception {
        Path bundle = bundleOfAStore();
        Bundle.Contents contents = Bundle.read(bundle);
        try (SqliteResultStore b = SqliteResultStore.open(dir.resolve("b.db"))) {
            assertThat(b.merge(contents.runs(), contents.cells())).isEqualTo(7);
            assertThat(b.merge(contents.runs(), contents.cells()))
                    .as("succeeded cells are not imported twice")
                    .isEqualTo(1);
            assertThat(b.cells()).hasSize(7);
            assertThat(b.curves("m0"))
                    .isEqualTo(Cells.succeeded("m0", "mae", 100, 0, 0.7).curves());
        }
        assertThat(board(dir.resolve("b.db"))).isEqualTo(board(dir.resolve("a.db")));
    }

    @Test
    void aBundleWithOneChangedNumberIsRefusedAndChangesNothing() throws Exception {
        Path bundle = bundleOfAStore();
        String text = Files.readString(bundle);
        assertThat(text).contains("\"test_accuracy\":0.71");
        Path tampered = Files.writeString(
                dir.resolve("tampered.json"), text.replaceFirst("\"test_accuracy\":0.71", "\"test_accuracy\":0.91"));

        assertThatThrownBy(() -> Bundle.read(tampered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(tampered.toString())
                .hasMessageContaining("content hash mismatch")
                .hasMessageContaining("nothing was imported");
    }

    @Test
    void malformedBundlesAreRefusedWithAClearError() throws Exception {
        Path notJson = Files.writeString(dir.resolve("x.json"), "not json");
        assertThatThrownBy(() -> Bundle.read(notJson)).hasMessageContaining("not readable JSON");
        Path other = Files.writeString(dir.resolve("y.json"), "{\"format\": \"something-else\"}");
        assertThatThrownBy(() -> Bundle.read(other)).hasMessageContaining("not a PretrainBench bundle");
        Path future = Files.writeString(
                dir.resolve("z.json"),
                Files.readString(bundleOfAStore())
                        .replace(
                                "\"spi_version\":\"" + io.pretrainbench.api.SpiVersion.CURRENT + "\"",
                                "\"spi_version\":\"2.0\""));
        assertThatThrownBy(() -> Bundle.read(future)).hasMessageContaining("made with SPI 2.0");
    }
}
