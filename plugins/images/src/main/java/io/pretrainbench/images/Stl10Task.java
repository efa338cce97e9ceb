package io.pretrainbench.images;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.nio.file.Path;
import java.util.List;

/**
 * 10-class STL-10: the 5 000 training images (or one of the ten predefined 1 000-image folds, as STL-10's protocol
 * prescribes) as the labelled pool, the 8 000 test images as test split.
 */
public final class Stl10Task implements DownstreamTask {
    static final int MAX_TEST = 8_000;
    private static final String ALL = "train";
    private static final String TEST = "test";

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "stl10",
                "1.0.0",
                "10-class STL-10 from the binary release: the training images, or one predefined fold, as the pool.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.string("data_dir", "", "folder holding the extracted stl10_binary files"),
                        ParameterSpec.integer(
                                "fold",
                                -1,
                                -1,
                                Stl10.FOLDS - 1,
                                "predefined training fold 0-9 (line of " + Stl10.FOLD_FILE
                                        + ") as the pool, or -1 for all training images"),
                        ParameterSpec.integer(
                                "test_limit",
                                0,
                                0,
                                MAX_TEST,
                                "evaluate on the first N test images, for speed (0 = all)")));
    }

    @Override
    public TaskData load(DataContext context) {
        Parameters p = context.params();
        Path dir = Stl10.dataDir(p.getString("data_dir"));
        Examples train = Stl10.images(dir, ALL, 0);
        int fold = p.getInt("fold");
        return new TaskData(
                fold < 0 ? train : train.subset(Stl10.fold(dir, fold, train.count())),
                Stl10.images(dir, TEST, p.getInt("test_limit")),
                Stl10.CLASS_NAMES);
    }

    @Override
    public String dataChecksum(DataContext context) {
        Parameters p = context.params();
        Path dir = Stl10.dataDir(p.getString("data_dir"));
        int fold = p.getInt("fold");
        String checksum = Stl10.checksum(dir, ALL, 0) + ";" + Stl10.checksum(dir, TEST, p.getInt("test_limit"))
                + ";test_limit=" + p.getInt("test_limit");
        if (fold >= 0) {
            // Checks the fold's indices at validate; the training images' count is the label file's, already checked.
            Stl10.fold(dir, fold, RecordFile.count(dir.resolve(ALL + "_y.bin"), 1, "an STL-10 label file"));
            checksum += ";fold=" + fold + ":" + Stl10.foldChecksum(dir);
        }
        return checksum;
    }
}
