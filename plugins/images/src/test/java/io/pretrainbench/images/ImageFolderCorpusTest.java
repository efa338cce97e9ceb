package io.pretrainbench.images;

import io.pretrainbench.tck.PretrainingCorpusContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderCorpusTest extends PretrainingCorpusContract<ImageFolderCorpus> {
    @TempDir
    static Path root;

    @BeforeAll
    static void writeData() {
        ImageFolderFixture.tree(root, List.of("only"), 4);
    }

    @Override
    protected ImageFolderCorpus plugin() {
        return new ImageFolderCorpus();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("root", root.toString(), "size", 4L, "channels", 1L);
    }
}
