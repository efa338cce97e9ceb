package io.pretrainbench.fashionmnist;

import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.task.TaskData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Builds a task over some Fashion-MNIST classes: relabels them 0..K-1 and caps the test split. */
final class TaskSplits {
  private TaskSplits() {}

  /**
   * @param classes original class indices; their position becomes the task's label
   * @param testLimit at most this many test images, first in file order (0 = all 10 000)
   */
  static TaskData build(Path dir, int[] classes, List<String> names, int testLimit) {
    FashionMnist data = FashionMnist.at(dir);
    return new TaskData(relabel(data.train, classes, 0), relabel(data.test, classes, testLimit), names);
  }

  private static Examples relabel(Examples split, int[] classes, int limit) {
    int[] indices = FashionMnist.select(split, classes, limit);
    Examples subset = split.subset(indices);
    int[] labels = subset.labels();
    for (int i = 0; i < labels.length; i++) {
      int original = labels[i];
      labels[i] = Arrays.stream(classes).boxed().toList().indexOf(original);
    }
    float[] values = new float[subset.count() * subset.exampleSize()];
    subset.features().get(values);
    return Examples.labelled(values, labels, subset.shape());
  }

  static String checksum(Path dir, int[] classes, int testLimit) {
    return FashionMnist.checksum(dir) + ";classes=" + Arrays.toString(classes) + ";test_limit=" + testLimit;
  }
}
