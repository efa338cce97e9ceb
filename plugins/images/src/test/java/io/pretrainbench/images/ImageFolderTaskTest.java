package io.pretrainbench.images;

import io.pretrainbench.tck.DownstreamTaskContract;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTaskTest extends DownstreamTaskContract<ImageFolderTask> {
    @TempDir
    static Path root;

    @BeforeAll
    static void writeData() {
        ImageFolderFixture.tree(root, List.of("cat", "dog", "bird"), 5);
    }

    @Override
    protected ImageFolderTask plugin() {
        return new ImageFolderTask();
    }

    @Override
    protected Map<String, Object> fastParameters() {
        return Map.of("root", root.toString());
    }
}
