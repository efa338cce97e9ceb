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
 *
 * <p>Drawing and splitting are two steps so that labelled examples given by a file ({@code LabelSplits}) are split by
 * the same rule as drawn ones: {@link #draw} lists the validation hold-out first, and {@link #split} takes the first
 * examples of each class as its hold-out, so a drawn list written to a file and read back gives the same cell.
 */
final class BudgetSampler {
    /** Train and validation parts of one labelled budget. */
    record Split(Examples train, Examples validation) {}

    private BudgetSampler() {}

    /**
     * @param budget total labelled examples m; each class gets m / K, the remainder going to classes chosen by the seed
     * @return the indices into {@code pool} of the labelled examples: of each class in turn its validation hold-out,
     *     then the training examples in their training order
     * @throws IllegalArgumentException if the pool has too few examples of some class
     */
    static int[] draw(Examples pool, int numClasses, int budget, double validationFraction, long seed) {
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
        List<Integer> labelled = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            List<Integer> members = byClass.get(c);
            if (members.size() < perClass[c]) {
                throw new IllegalArgumentException("budget " + budget + " needs " + perClass[c] + " examples of class "
                        + c + " but the task's training pool has only " + members.size());
            }
            java.util.Collections.shuffle(members, random);
            int held = held(perClass[c], validationFraction);
            labelled.addAll(members.subList(0, held));
            train.addAll(members.subList(held, perClass[c]));
        }
        java.util.Collections.shuffle(train, random);
        labelled.addAll(train);
        return labelled.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Splits labelled examples (indices into {@code pool}) into the cell's parts: of each class, the first
     * {@code round(fraction × its count)} in the list's order are held out for validation (classes in order), the rest
     * train in the list's order.
     */
    static Split split(Examples pool, int numClasses, int[] labelled, double validationFraction) {
        int[] perClass = new int[numClasses];
        for (int index : labelled) {
            perClass[pool.label(index)]++;
        }
        List<List<Integer>> validation = new ArrayList<>();
        for (int c = 0; c < numClasses; c++) {
            validation.add(new ArrayList<>());
        }
        List<Integer> train = new ArrayList<>();
        for (int index : labelled) {
            int c = pool.label(index);
            if (validation.get(c).size() < held(perClass[c], validationFraction)) {
                validation.get(c).add(index);
            } else {
                train.add(index);
            }
        }
        int[] held = validation.stream()
                .flatMap(List::stream)
                .mapToInt(Integer::intValue)
                .toArray();
        return new Split(pool.subset(train.stream().mapToInt(Integer::intValue).toArray()), pool.subset(held));
    }

    /** A class's validation hold-out, keeping at least one training example whenever the class has any. */
    private static int held(int count, double validationFraction) {
        return Math.min((int) Math.round(count * validationFraction), Math.max(0, count - 1));
    }
}
