package io.pretrainbench.fashionmnist;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.task.TaskData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** Builds a task over Fashion-MNIST classes: maps original classes to task labels and caps the test split. */
final class TaskSplits {
    private TaskSplits() {}

    /**
     * @param labelOf for each original class 0-9, its task label, or -1 to leave the class out
     * @param testLimit at most this many test images, first in file order (0 = all)
     */
    static TaskData build(Path dir, int[] labelOf, List<String> names, int testLimit) {
        FashionMnist data = FashionMnist.at(dir);
        return new TaskData(relabel(data.train, labelOf, 0), relabel(data.test, labelOf, testLimit), names);
    }

    private static Examples relabel(Examples split, int[] labelOf, int limit) {
        int[] classes =
                IntStream.range(0, labelOf.length).filter(c -> labelOf[c] >= 0).toArray();
        Examples subset = FashionMnist.selection(split, FashionMnist.select(split, classes, limit));
        int[] labels = subset.labels();
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labelOf[labels[i]];
        }
        return subset.withLabels(labels);
    }

    static String checksum(Path dir, int[] labelOf, int testLimit) {
        return FashionMnist.checksum(dir) + ";labels=" + Arrays.toString(labelOf) + ";test_limit=" + testLimit;
    }
}
