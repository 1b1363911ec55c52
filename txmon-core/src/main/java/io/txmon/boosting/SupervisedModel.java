package io.txmon.boosting;

import io.txmon.features.Feature;
import io.txmon.model.ScoreCalibration;
import java.util.List;
import java.util.Objects;

/**
 * The supervised model as a decision uses it: boosted trees over some of a transaction's features, and where their
 * probabilities fell on the latest labelled transactions before training ended, so that a probability turns into
 * risk on the same scale as the anomaly model's (docs/supervised-model.md).
 *
 * @param version content-derived version, as the anomaly model's
 * @param trees the trained trees, reading {@code inputs.size()} values a row
 * @param inputs the features each row holds, in order
 * @param calibration the validation rows' median probability, the probability at the alert line, and the 99.9th
 *     percentile
 */
public record SupervisedModel(String version, BoostedTrees trees, List<Feature> inputs, ScoreCalibration calibration) {
    public SupervisedModel {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(trees, "trees");
        inputs = List.copyOf(inputs);
        Objects.requireNonNull(calibration, "calibration");
        if (trees.features() != inputs.size()) {
            throw new IllegalArgumentException(
                    "the trees read " + trees.features() + " values a row, but " + inputs.size() + " inputs are named");
        }
    }

    /** The model's row for a feature vector ({@code double[Feature.COUNT]}). */
    public double[] rowOf(double[] features) {
        double[] row = new double[inputs.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = features[inputs.get(i).ordinal()];
        }
        return row;
    }

    /** The probability that the transaction with these features is fraud, as the trees learned it. */
    public double probability(double[] features) {
        return trees.probability(rowOf(features));
    }

    @Override
    public String toString() {
        return version + " (" + trees.trees().size() + " trees, " + inputs.size() + " inputs)";
    }
}
