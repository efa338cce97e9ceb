package io.pretrainbench.fashionmnist;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/** The standard 10-class Fashion-MNIST classification task: 60 000 training images as the pool, the test file. */
public final class TenClassTask implements DownstreamTask {
    private static final int[] IDENTITY = IntStream.range(0, 10).toArray();
    private final Map<String, TaskData> loaded = new ConcurrentHashMap<>();

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "fmnist-10class",
                "1.0.0",
                "10-class Fashion-MNIST: the 60k training images as the labelled pool, the 10k test images as test"
                        + " split.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.string(
                                "data_dir", FashionMnist.DEFAULT_DIR, "folder holding the four IDX .gz files"),
                        ParameterSpec.integer(
                                "test_limit",
                                0,
                                0,
                                FashionMnist.TEST_COUNT,
                                "evaluate on the first N test images, for speed (0 = all 10 000)")));
    }

    @Override
    public TaskData load(DataContext context) {
        Path dir = Path.of(context.params().getString("data_dir"));
        int testLimit = context.params().getInt("test_limit");
        return loaded.computeIfAbsent(
                dir.toAbsolutePath() + "#" + testLimit,
                k -> TaskSplits.build(dir, IDENTITY, FashionMnist.CLASS_NAMES, testLimit));
    }

    @Override
    public String dataChecksum(DataContext context) {
        return TaskSplits.checksum(
                Path.of(context.params().getString("data_dir")),
                IDENTITY,
                context.params().getInt("test_limit"));
    }
}
