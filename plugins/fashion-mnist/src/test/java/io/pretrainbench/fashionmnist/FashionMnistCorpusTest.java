package io.pretrainbench.fashionmnist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.tck.PretrainingCorpusContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistCorpusTest extends PretrainingCorpusContract<FashionMnistCorpus> {
    private final FashionMnistCorpus corpus = new FashionMnistCorpus();

    @Override
    protected FashionMnistCorpus plugin() {
        return corpus;
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("limit", 500L);
    }

    private DataContext context(Map<String, Object> params) {
        return DataContext.builder().params(corpus.descriptor().resolve(params)).build();
    }

    @Test
    void selectsAClassSubsetForHeterogeneousPreTraining() {
        assertThat(corpus.load(context(Map.of("classes", "0,1"))).count()).isEqualTo(12_000);
        assertThat(corpus.load(context(Map.of("classes", "all", "split", "test")))
                        .count())
                .isEqualTo(10_000);
        assertThat(corpus.load(context(Map.of())).shape()).containsExactly(28, 28, 1);
        assertThat(corpus.dataChecksum(context(Map.of("classes", "0,1"))))
                .isNotEqualTo(corpus.dataChecksum(context(Map.of("classes", "0,2"))));
    }

    @Test
    void aBadClassListSaysWhatIsValid() {
        for (String bad : new String[] {"0,11", "0,0", "some", ""}) {
            assertThatThrownBy(() -> corpus.dataChecksum(context(Map.of("classes", bad))))
                    .as(bad)
                    .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.key())
                            .isEqualTo("classes"))
                    .hasMessageContaining("parameter 'classes'")
                    .hasMessageContaining("'" + bad + "'")
                    .hasMessageContaining("'0,2,4'")
                    .hasMessageContaining("0=T-shirt/top");
        }
    }

    @Test
    void theLimitKeepsTheFirstImagesOfTheSelectedClassesInFileOrder() {
        Examples firstHundred = corpus.load(context(Map.of("classes", "8, 9", "limit", 100L)));
        FashionMnist all = FashionMnist.at(Path.of(FashionMnist.DEFAULT_DIR));
        int[] expected = IntStream.range(0, all.train.count())
                .filter(i -> all.train.label(i) >= 8)
                .limit(100)
                .toArray();
        assertThat(firstHundred.checksum())
                .isEqualTo(all.train.subset(expected).withoutLabels().checksum());
    }

    @Test
    void missingFilesSayHowToInstallThem(@TempDir Path empty) {
        assertThatThrownBy(() -> corpus.dataChecksum(context(Map.of("data_dir", empty.toString()))))
                .hasMessageContaining("Fashion-MNIST not found at " + empty)
                .hasMessageContaining("apt-get install -y dataset-fashion-mnist");
    }
}
