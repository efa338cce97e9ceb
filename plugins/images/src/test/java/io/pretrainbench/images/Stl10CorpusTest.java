package io.pretrainbench.images;

import io.pretrainbench.tck.PretrainingCorpusContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class Stl10CorpusTest extends PretrainingCorpusContract<Stl10Corpus> {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() {
        Stl10Fixture.write(data, 10, 2, 6);
    }

    @Override
    protected Stl10Corpus plugin() {
        return new Stl10Corpus();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("data_dir", data.toString());
    }
}
