package io.pretrainbench.images;

import io.pretrainbench.tck.DownstreamTaskContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class Stl10TaskTest extends DownstreamTaskContract<Stl10Task> {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() {
        Stl10Fixture.write(data, 100, 10, 0);
    }

    @Override
    protected Stl10Task plugin() {
        return new Stl10Task();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("data_dir", data.toString(), "fold", 2L);
    }
}
