package io.pretrainbench.engine.registry;

import io.pretrainbench.api.Plugin;
import io.pretrainbench.api.bound.BoundEstimator;
import io.pretrainbench.api.finetune.FineTuningProtocol;
import io.pretrainbench.api.pretrain.PretrainingCorpus;
import io.pretrainbench.api.pretrain.PretrainingMethod;
import io.pretrainbench.api.study.CaseStudy;
import io.pretrainbench.api.task.DownstreamTask;
import java.util.Arrays;
import java.util.List;

/** The plugin kinds, with the SPI interface each is registered under and the words users see. */
public enum PluginKind {
    CORPUS(PretrainingCorpus.class, "corpus", "pre-training corpus", "pre-training corpora"),
    METHOD(PretrainingMethod.class, "method", "pre-training method", "pre-training methods"),
    TASK(DownstreamTask.class, "task", "downstream task", "downstream tasks"),
    PROTOCOL(FineTuningProtocol.class, "protocol", "fine-tuning protocol", "fine-tuning protocols"),
    ESTIMATOR(BoundEstimator.class, "estimator", "bound estimator", "bound estimators"),
    /** Not part of a grid: the entries of a study file, run by the study command. */
    CASE_STUDY(CaseStudy.class, "case-study", "case study", "case studies");

    private final Class<? extends Plugin> type;
    private final String id;
    private final String description;
    private final String plural;

    PluginKind(Class<? extends Plugin> type, String id, String description, String plural) {
        this.type = type;
        this.id = id;
        this.description = description;
        this.plural = plural;
    }

    public String plural() {
        return plural;
    }

    public Class<? extends Plugin> type() {
        return type;
    }

    /** Short word used in JSON output and result keys. */
    public String id() {
        return id;
    }

    /** What to call it in a sentence. */
    public String description() {
        return description;
    }

    /** The service file names a plugin jar may list providers under, for messages. */
    public static List<String> serviceFileNames() {
        return Arrays.stream(values()).map(k -> k.type().getName()).toList();
    }
}
