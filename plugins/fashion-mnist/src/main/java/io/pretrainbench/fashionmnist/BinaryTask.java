package io.pretrainbench.fashionmnist;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A binary task between two Fashion-MNIST classes (the mask-reconstruction paper's analysis is for binary
 * classification). Label 0 is {@code negative}, label 1 is {@code positive}.
 */
public final class BinaryTask implements DownstreamTask {
  private final Map<String, TaskData> loaded = new ConcurrentHashMap<>();

  @Override
  public PluginDescriptor descriptor() {
    return new PluginDescriptor("fmnist-binary", "1.0.0",
        "Binary Fashion-MNIST: one class against another (default Shirt vs T-shirt/top, a hard pair).",
        SpiVersion.CURRENT, List.of(
            ParameterSpec.string("data_dir", FashionMnist.DEFAULT_DIR, "folder holding the four IDX .gz files"),
            ParameterSpec.integer("positive", 6, 0, 9, "class index labelled 1 (" + FashionMnist.describeClasses() + ")"),
            ParameterSpec.integer("negative", 0, 0, 9, "class index labelled 0"),
            ParameterSpec.integer("test_limit", 0, 0, FashionMnist.TEST_COUNT,
                "evaluate on the first N test images of the two classes (0 = all 2 000)")));
  }

  @Override
  public TaskData load(DataContext context) {
    int[] classes = classes(context.params());
    Path dir = Path.of(context.params().getString("data_dir"));
    int testLimit = context.params().getInt("test_limit");
    List<String> names = List.of(FashionMnist.CLASS_NAMES.get(classes[0]), FashionMnist.CLASS_NAMES.get(classes[1]));
    return loaded.computeIfAbsent(dir.toAbsolutePath() + "#" + classes[0] + "," + classes[1] + "#" + testLimit,
        k -> TaskSplits.build(dir, classes, names, testLimit));
  }

  @Override
  public String dataChecksum(DataContext context) {
    return TaskSplits.checksum(Path.of(context.params().getString("data_dir")), classes(context.params()),
        context.params().getInt("test_limit"));
  }

  private static int[] classes(Parameters p) {
    int positive = p.getInt("positive");
    int negative = p.getInt("negative");
    if (positive == negative) {
      throw new IllegalArgumentException("parameters 'positive' and 'negative' must differ, both are " + positive);
    }
    return new int[] {negative, positive};
  }
}
