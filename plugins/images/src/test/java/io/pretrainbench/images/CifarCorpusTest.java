package io.pretrainbench.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.tck.PretrainingCorpusContract;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarCorpusTest extends PretrainingCorpusContract<CifarCorpus> {
    @TempDir
    static Path data;

    @BeforeAll
    static void writeData() {
        CifarFixture.write(data, CifarVariant.CIFAR100, 6);
    }

    @Override
    protected CifarCorpus plugin() {
        return new CifarCorpus();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("data_dir", data.toString(), "variant", "cifar100");
    }

    @Test
    void dropsLabelsAndKeepsTheFirstImagesOfTheChosenSplit() {
        Examples first = instance()
                .load(DataContext.builder()
                        .params(instance()
                                .descriptor()
                                .resolve(Map.of(
                                        "data_dir",
                                        data.toString(),
                                        "variant",
                                        "cifar100",
                                        "split",
                                        "test",
                                        "limit",
                                        4L)))
                        .build());
        assertThat(first.count()).isEqualTo(4);
        assertThat(first.hasLabels()).isFalse();
        float[] row = new float[first.exampleSize()];
        first.copyRow(3, row, 0);
        assertThat(row[2]).isEqualTo(CifarFixture.pixel(3, 0, 0, 2) / 255f);
    }
}
