package io.pretrainbench.api.finetune;

/**
 * What a cell measured. Risk is the mean cross-entropy; accuracy the fraction of correct predictions. The
 * generalization gap is measured in 0-1 loss: {@code trainAccuracy - testAccuracy} (= test error - train error), the
 * quantity the bound estimators bound.
 *
 * @param trainAccuracy on the examples the head was fitted on
 * @param testAccuracy on the task's test split
 * @param trainRisk mean cross-entropy on the training examples
 * @param testRisk mean cross-entropy on the test split
 * @param validationAccuracy on the hold-out used for early stopping (NaN when the budget left none)
 */
public record Metrics(
        double trainAccuracy, double testAccuracy, double trainRisk, double testRisk, double validationAccuracy) {

    public Metrics {
        check("trainAccuracy", trainAccuracy);
        check("testAccuracy", testAccuracy);
    }

    private static void check(String name, double accuracy) {
        if (!(accuracy >= 0 && accuracy <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + accuracy);
        }
    }

    public double generalizationGap() {
        return trainAccuracy - testAccuracy;
    }
}
