package io.pretrainbench.engine.exec;

import io.pretrainbench.api.data.Examples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Draws a cell's labelled budget from a task's training pool, class-balanced, and splits off the validation hold-out.
 * Depends only on (pool, budget, seed, fraction): every method sees the same labelled examples for the same seed, which
 * is what makes comparisons between methods paired.
 */
final class BudgetSampler {
    /** Train and validation parts of one labelled budget. */
    record Split(Examples train, Examples validation) {}

    private BudgetSampler() {}

    /**
     * @param budget total labelled examples m; each class gets m / K, the remainder going to classes chosen by the seed
     * @throws IllegalArgumentException if the pool has too few examples of some class
     */
    static Split draw(Examples pool, int numClasses, int budget, double validationFraction, long seed) {
        Random random = new Random(seed);
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < pool.count(); i++) {
            byClass.get(pool.label(i)).add(i);
        }
        int[] perClass = new int[numClasses];
        Arrays.fill(perClass, budget / numClasses);
        List<Integer> classes = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            classes.add(c);
        }
        java.util.Collections.shuffle(classes, random);
        for (int r = 0; r < budget % numClasses; r++) {
            perClass[classes.get(r)]++;
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            List<Integer> members = byClass.get(c);
            if (members.size() < perClass[c]) {
                throw new IllegalArgumentException("budget " + budget + " needs " + perClass[c] + " examples of class "
                        + c + " but the task's training pool has only " + members.size());
            }
            java.util.Collections.shuffle(members, random);
            int held = (int) Math.round(perClass[c] * validationFraction);
            // Keep at least one training example per class whenever the class gets any.
            held = Math.min(held, Math.max(0, perClass[c] - 1));
            validation.addAll(members.subList(0, held));
            train.addAll(members.subList(held, perClass[c]));
        }
        java.util.Collections.shuffle(train, random);
        return new Split(pool.subset(toArray(train)), pool.subset(toArray(validation)));
    }

    private static int[] toArray(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
