package io.pretrainbench.api.task;

import io.pretrainbench.api.data.Examples;
import java.util.List;

/**
 * A loaded task. Labels are {@code 0 .. classNames.size() - 1}.
 *
 * @param trainPool labelled examples the host samples budgets (and validation hold-outs) from
 * @param test the test split, used for evaluation only
 * @param classNames human-readable class names, index = label
 */
public record TaskData(Examples trainPool, Examples test, List<String> classNames) {
    public TaskData {
        classNames = List.copyOf(classNames);
        if (!trainPool.hasLabels() || !test.hasLabels()) {
            throw new IllegalArgumentException("task data must be labelled");
        }
        if (!java.util.Arrays.equals(trainPool.shape(), test.shape())) {
            throw new IllegalArgumentException("train and test examples differ in shape");
        }
    }

    public int numClasses() {
        return classNames.size();
    }
}
