package io.txmon.model;

import io.txmon.features.Feature;
import java.util.List;

/** Picks a model's inputs out of a feature vector and shapes them: the forest's row. */
final class InputShaper {
    private final int[] featureIndexes;
    private final Transform[] transforms;

    InputShaper(List<ModelInput> inputs) {
        featureIndexes = inputs.stream().mapToInt(i -> i.feature().ordinal()).toArray();
        transforms = inputs.stream().map(ModelInput::transform).toArray(Transform[]::new);
    }

    double[] row(double[] features) {
        if (features.length != Feature.COUNT) {
            throw new IllegalArgumentException(
                    "a feature vector has " + Feature.COUNT + " values, this one " + features.length);
        }
        double[] row = new double[featureIndexes.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = transforms[i].apply(features[featureIndexes[i]]);
        }
        return row;
    }
}
