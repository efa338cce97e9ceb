package io.pretrainbench.tck.selftest;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import io.pretrainbench.tck.TckData;
import java.util.List;
import java.util.stream.IntStream;

/** A correct task: the kit's synthetic images with {@code classes} classes. */
public class SyntheticTask implements DownstreamTask {
    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "tck-synthetic-task",
                "1.0.0",
                "Synthetic 28x28 classification task.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.integer("classes", 3, 2, 8, "number of classes"),
                        ParameterSpec.integer("pool", 60, 8, 2000, "size of the labelled training pool")));
    }

    @Override
    public TaskData load(DataContext context) {
        int classes = context.params().getInt("classes");
        return new TaskData(
                TckData.images(context.params().getInt("pool"), classes, 1),
                TckData.images(30, classes, 2),
                classNames(classes));
    }

    protected List<String> classNames(int classes) {
        return IntStream.range(0, classes).mapToObj(c -> "block-" + c).toList();
    }

    @Override
    public String dataChecksum(DataContext context) {
        return "tck-synthetic-task;" + context.params();
    }
}
