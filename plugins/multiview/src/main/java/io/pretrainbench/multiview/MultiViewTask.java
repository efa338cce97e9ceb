package io.pretrainbench.multiview;

import io.pretrainbench.api.PluginDescriptor;
import io.pretrainbench.api.SpiVersion;
import io.pretrainbench.api.data.DataContext;
import io.pretrainbench.api.data.Examples;
import io.pretrainbench.api.params.ParameterSpec;
import io.pretrainbench.api.params.Parameters;
import io.pretrainbench.api.task.DownstreamTask;
import io.pretrainbench.api.task.TaskData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * k-class classification of multi-view samples ({@link MultiViewData}), the downstream task of Pan et al. (2023, arXiv
 * 2206.03826, Sec. 4). The training pool is drawn from the full distribution (fraction μ single-view);
 * {@code test_view} makes the test split all-distribution, single-view only or multi-view only, so that one grid can
 * measure the paper's prediction on single-view samples, where supervised learning fails. Training pool and test split
 * have random streams of their own, independent of {@code test_view} and of the corpus.
 */
public final class MultiViewTask implements DownstreamTask {
    static final int TRAIN_STREAM = 2;
    static final int TEST_STREAM = 3;

    /** The task's name, which {@code feature-coverage} checks the cell's task against. */
    static final String NAME = "multiview";

    private static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(
            NAME,
            "1.0.0",
            "Synthetic multi-view patch classification (Pan et al. 2023); test on all, single-view or multi-view"
                    + " samples.",
            SpiVersion.CURRENT,
            parameters());

    private static List<ParameterSpec> parameters() {
        List<ParameterSpec> p = new ArrayList<>(MultiViewData.allParameters());
        p.add(ParameterSpec.integer("train_samples", 2000, 1, 1_000_000, "labelled training pool size"));
        p.add(ParameterSpec.integer("test_samples", 2000, 1, 1_000_000, "test split size"));
        p.add(ParameterSpec.choice(
                "test_view",
                "all",
                List.of("all", "single", "multi"),
                "test samples: drawn from the distribution (all), single-view only, or multi-view only"));
        return p;
    }

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TaskData load(DataContext context) {
        Parameters p = context.params();
        MultiViewData data = MultiViewData.of(p);
        MultiViewData.Samples train = data.generate(p.getInt("train_samples"), MultiViewData.View.ALL, TRAIN_STREAM);
        MultiViewData.View view =
                MultiViewData.View.valueOf(p.getString("test_view").toUpperCase(Locale.ROOT));
        // One stream per view: the single-view test set does not change when the multi-view one is resized.
        MultiViewData.Samples test = data.generate(p.getInt("test_samples"), view, TEST_STREAM + 16 * view.ordinal());
        return new TaskData(
                Examples.labelled(train.values(), train.labels(), train.patches(), train.dimension()),
                Examples.labelled(test.values(), test.labels(), test.patches(), test.dimension()),
                IntStream.range(0, data.features().classes())
                        .mapToObj(i -> "class-" + i)
                        .toList());
    }

    @Override
    public String dataChecksum(DataContext context) {
        MultiViewData.of(context.params());
        return MultiViewData.GENERATOR_VERSION + ";task;" + context.params();
    }
}
