package io.pretrainbench.images;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.InvalidParameterException;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.util.List;

/**
 * CIFAR-10 (10 classes) or CIFAR-100 (100 fine or 20 coarse classes): the training batches as the labelled pool, the
 * test batch as test split.
 */
public final class CifarTask implements DownstreamTask {
    static final int MAX_TEST = 10_000;

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(
                "cifar",
                "1.0.0",
                "CIFAR-10 or CIFAR-100 classification from the published binary batches: train batches as the pool.",
                SpiVersion.CURRENT,
                List.of(
                        ParameterSpec.string(
                                "data_dir", "", "folder holding the extracted binary batches (no default)"),
                        ParameterSpec.choice(
                                "variant", CifarVariant.CIFAR10.key, CifarVariant.keys(), "which CIFAR release"),
                        ParameterSpec.choice(
                                "labels",
                                "fine",
                                List.of("fine", "coarse"),
                                "CIFAR-100's 100 fine or 20 coarse classes (CIFAR-10 has only 'fine')"),
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
        CifarVariant variant = CifarVariant.of(p.getString("variant"));
        boolean coarse = coarseLabels(p, variant);
        Cifar data = Cifar.at(Cifar.dataDir(p.getString("data_dir"), variant), variant);
        int testLimit = p.getInt("test_limit");
        Examples test = data.test.labelled(coarse);
        return new TaskData(
                data.train.labelled(coarse),
                testLimit == 0 ? test : test.first(testLimit),
                coarse ? variant.coarseClasses : variant.fineClasses);
    }

    @Override
    public String dataChecksum(DataContext context) {
        Parameters p = context.params();
        CifarVariant variant = CifarVariant.of(p.getString("variant"));
        boolean coarse = coarseLabels(p, variant);
        return Cifar.checksum(Cifar.dataDir(p.getString("data_dir"), variant), variant) + ";labels="
                + (coarse ? "coarse" : "fine") + ";test_limit=" + p.getInt("test_limit");
    }

    private static boolean coarseLabels(Parameters p, CifarVariant variant) {
        boolean coarse = p.getString("labels").equals("coarse");
        if (coarse && variant.coarseClasses.isEmpty()) {
            throw new InvalidParameterException(
                    "labels", "'coarse' needs variant cifar100; " + variant.title + " has only 'fine' labels");
        }
        return coarse;
    }
}
