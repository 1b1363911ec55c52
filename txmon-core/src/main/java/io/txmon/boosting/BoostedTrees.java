package io.txmon.boosting;

import java.util.List;

/**
 * A trained ensemble of gradient-boosted trees for a yes-or-no outcome (XGBoost's {@code binary:logistic}): the
 * margin is the base margin plus every tree's leaf value, and the probability its logistic. Immutable; predicting is a
 * pure function of the trees and the features, about a microsecond for a hundred trees of depth six, where a single
 * row through XGBoost's native library costs some 80 µs (../shared/stack.md).
 *
 * @param trees the boosting rounds' trees, in order
 * @param baseMargin the margin before any tree: the logit of XGBoost's {@code base_score}
 * @param features how many features a row has
 */
public record BoostedTrees(List<RegressionTree> trees, double baseMargin, int features) {
    public BoostedTrees {
        trees = List.copyOf(trees);
        if (!Double.isFinite(baseMargin)) {
            throw new IllegalArgumentException("base margin must be finite, was " + baseMargin);
        }
        for (int i = 0; i < trees.size(); i++) {
            if (trees.get(i).largestFeature() >= features) {
                throw new IllegalArgumentException("tree " + i + " tests feature "
                        + trees.get(i).largestFeature() + " of rows with " + features + " features");
            }
        }
    }

    /** The margin (log-odds) of {@code row}: the base margin plus every tree's leaf value. */
    public double margin(double[] row) {
        if (row.length != features) {
            throw new IllegalArgumentException("a row has " + features + " features, this one " + row.length);
        }
        double margin = baseMargin;
        for (RegressionTree tree : trees) {
            margin += tree.value(row);
        }
        return margin;
    }

    /** The probability that {@code row} is of the positive class. */
    public double probability(double[] row) {
        return 1 / (1 + Math.exp(-margin(row)));
    }

    /** The margin a base score (a probability, as XGBoost states it) stands for. */
    public static double marginOf(double baseScore) {
        if (!(baseScore > 0 && baseScore < 1)) {
            throw new IllegalArgumentException(
                    "base score must be a probability strictly between 0 and 1, was " + baseScore);
        }
        return Math.log(baseScore / (1 - baseScore));
    }
}
