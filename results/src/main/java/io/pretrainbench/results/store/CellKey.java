package io.pretrainbench.results.store;

import java.util.List;
import java.util.Map;

/**
 * Everything that identifies a cell, as stored. Parameter maps are canonical JSON objects with sorted keys and all
 * defaults filled in, so that equal configurations have equal strings.
 *
 * @param cellId stable id: a hash of everything below plus plugin versions and data checksums
 * @param method pre-training method name, with {@code methodParams}
 * @param corpus pre-training corpus name, with {@code corpusParams}
 * @param pretrainSeed seed of pre-training
 * @param task downstream task name, with {@code taskParams}
 * @param budget labelled-sample budget m (total labelled examples drawn class-balanced from the task's pool)
 * @param protocol fine-tuning protocol name, with {@code protocolParams}
 * @param seed downstream seed: labelled subset, validation split and head initialisation
 * @param estimators bound estimators evaluated on the cell, with their canonical parameters
 * @param pluginVersions name@kind → version of every plugin the cell uses
 * @param dataChecksum combined checksum of the corpus and task data
 */
public record CellKey(
        String cellId,
        String method,
        String methodParams,
        String corpus,
        String corpusParams,
        long pretrainSeed,
        String task,
        String taskParams,
        int budget,
        String protocol,
        String protocolParams,
        long seed,
        Map<String, String> estimators,
        Map<String, String> pluginVersions,
        String dataChecksum) {

    public CellKey {
        estimators = Map.copyOf(estimators);
        pluginVersions = Map.copyOf(pluginVersions);
    }

    /** A short human label: {@code autoencoder/fmnist-10class/m=100/linear-probe/seed=0}. */
    public String label() {
        return method + "/" + task + "/m=" + budget + "/" + protocol + "/seed=" + seed;
    }

    static List<String> columns() {
        return List.of(
                "cell_id",
                "method",
                "method_params",
                "corpus",
                "corpus_params",
                "pretrain_seed",
                "task",
                "task_params",
                "budget",
                "protocol",
                "protocol_params",
                "seed",
                "data_checksum");
    }
}
