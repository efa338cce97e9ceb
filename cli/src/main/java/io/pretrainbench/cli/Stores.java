package io.pretrainbench.cli;

import io.pretrainbench.results.store.ResultStore;
import io.pretrainbench.results.store.SqliteResultStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opening a store for reading: a missing file is a mistake to report, not a new empty store to create. */
final class Stores {
    private Stores() {}

    static ResultStore openExisting(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Main.UserError("no results store at " + file
                    + "; run a grid first (pretrain-bench run GRID) or give" + " --results PATH");
        }
        return SqliteResultStore.open(file);
    }
}
