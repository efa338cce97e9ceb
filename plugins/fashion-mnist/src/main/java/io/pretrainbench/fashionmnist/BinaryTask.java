package io.pretrainbench.fashionmnist;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A binary Fashion-MNIST task (the mask-reconstruction paper's analysis is for binary classification): one class
 * against another, or against all the others ({@code negative: -1}, one-vs-rest). Label 1 is {@code positive}.
 */
public final class BinaryTask implements DownstreamTask {
    private final Map<String, TaskData> loaded = new ConcurrentHashMap<>();

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "fmnist-binary",
                "1.0.0",
                "Binary Fashion-MNIST: one class against another (default Shirt vs T-shirt/top) or against the rest.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.string(
                                "data_dir", FashionMnist.DEFAULT_DIR, "folder holding the four IDX .gz files"),
                        ParameterSpec.integer(
                                "positive", 6, 0, 9, "class index labelled 1 (" + FashionMnist.describeClasses() + ")"),
                        ParameterSpec.integer(
                                "negative",
                                0,
                                -1,
                                9,
                                "class index labelled 0, or -1 for all other classes (one-vs-rest)"),
                        ParameterSpec.integer(
                                "test_limit",
                                0,
                                0,
                                FashionMnist.TEST_COUNT,
                                "evaluate on the first N test images of the task's classes (0 = all)")));
    }

    @Override
    public TaskData load(DataContext context) {
        Parameters p = context.params();
        int[] labelOf = labelOf(p);
        Path dir = Path.of(p.getString("data_dir"));
        int testLimit = p.getInt("test_limit");
        int negative = p.getInt("negative");
        List<String> names = List.of(
                negative < 0
                        ? "not " + FashionMnist.CLASS_NAMES.get(p.getInt("positive"))
                        : FashionMnist.CLASS_NAMES.get(negative),
                FashionMnist.CLASS_NAMES.get(p.getInt("positive")));
        return loaded.computeIfAbsent(
                dir.toAbsolutePath() + "#" + java.util.Arrays.toString(labelOf) + "#" + testLimit,
                k -> TaskSplits.build(dir, labelOf, names, testLimit));
    }

    @Override
    public String dataChecksum(DataContext context) {
        return TaskSplits.checksum(
                Path.of(context.params().getString("data_dir")),
                labelOf(context.params()),
                context.params().getInt("test_limit"));
    }

    /** Original class → task label: positive → 1, negative (or every other class when negative is -1) → 0. */
    private static int[] labelOf(Parameters p) {
        int positive = p.getInt("positive");
        int negative = p.getInt("negative");
        if (positive == negative) {
            throw new InvalidParameterException(
                    "negative",
                    "parameters 'positive' and 'negative' must differ, both are " + positive + " ("
                            + FashionMnist.CLASS_NAMES.get(positive) + "); use -1 for one class against the rest");
        }
        int[] labelOf = new int[FashionMnist.CLASS_NAMES.size()];
        java.util.Arrays.fill(labelOf, negative < 0 ? 0 : -1);
        if (negative >= 0) {
            labelOf[negative] = 0;
        }
        labelOf[positive] = 1;
        return labelOf;
    }
}
