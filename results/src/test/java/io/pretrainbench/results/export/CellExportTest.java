package io.pretrainbench.results.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pretrainbench.results.store.Cells;
import io.pretrainbench.results.store.SqliteResultStore;
import io.pretrainbench.results.store.StoredCell;
import io.pretrainbench.results.table.Table;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellExportTest {
  @TempDir Path dir;

  private List<StoredCell> cells() {
    try (SqliteResultStore store = SqliteResultStore.open(dir.resolve("r.db"))) {
      store.startRun(Cells.run());
      store.record(Cells.succeeded("ok", "mae", 100, 0, 0.8));
      store.record(Cells.failed("bad", "mae", 100, 1, "IllegalStateException: a, \"quoted\"\nsecond line"));
      return store.cells();
    }
  }

  private String export(Table.Format format) {
    StringWriter out = new StringWriter();
    CellExport.write(cells(), format, out);
    return out.toString();
  }

  @Test
  void csvQuotesErrorsWithCommasQuotesAndNewlines() {
    String csv = export(Table.Format.CSV);
    assertThat(csv).contains("\"IllegalStateException: a, \"\"quoted\"\"\nsecond line\"");
    assertThat(csv.lines().findFirst().orElseThrow()).contains("bound.bound,bound.bound.confidence,bound.bound.rademacher");
  }

  @Test
  void jsonHasEveryCellOnceWithNestedBounds() throws Exception {
    JsonNode cells = new ObjectMapper().readTree(export(Table.Format.JSON));
    assertThat(cells).hasSize(2);
    JsonNode ok = cells.get(0).get("cell_id").asText().equals("ok") ? cells.get(0) : cells.get(1);
    assertThat(ok.get("bounds").get("bound").get("value").asDouble()).isEqualTo(0.7);
    assertThat(ok.get("bounds").get("bound").get("components").get("rademacher").asDouble()).isEqualTo(0.3);
    assertThat(ok.get("test_accuracy").asDouble()).isEqualTo(0.8);
  }
}
