package io.pretrainbench.images;

import io.pretrainbench.tck.DownstreamTaskContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class CifarTaskTest extends DownstreamTaskContract<CifarTask> {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() {
        CifarFixture.write(data, CifarVariant.CIFAR10, 4);
    }

    @Override
    protected CifarTask plugin() {
        return new CifarTask();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("data_dir", data.toString());
    }
}
