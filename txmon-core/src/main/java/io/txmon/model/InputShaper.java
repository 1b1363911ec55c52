package io.txmon.model;

import io.txmon.features.Feature;
import java.util.List;

/**
 * Picks a model's inputs out of a feature vector, shapes them and clips their harmless side: the forest's
 * row. Training first shapes without clipping to learn the medians, then clips with them.
 */
final class InputShaper {
    private final int[] featureIndexes;
    private final Transform[] transforms;
    private final RiskDirection[] directions;
    private final double[] medians;

    InputShaper(List<ModelInput> inputs, double[] medians) {
        if (medians.length != inputs.size()) {
            throw new IllegalArgumentException(medians.length + " medians for " + inputs.size() + " inputs");
        }
        featureIndexes = inputs.stream().mapToInt(i -> i.feature().ordinal()).toArray();
        transforms = inputs.stream().map(ModelInput::transform).toArray(Transform[]::new);
        directions = inputs.stream().map(ModelInput::direction).toArray(RiskDirection[]::new);
        this.medians = medians.clone();
    }

    /** A shaper that does not clip, for learning the medians. */
    static InputShaper unclipped(List<ModelInput> inputs) {
        List<ModelInput> both = inputs.stream()
                .map(i -> new ModelInput(i.feature(), i.transform(), RiskDirection.BOTH))
                .toList();
        return new InputShaper(both, new double[inputs.size()]);
    }

    double[] row(double[] features) {
        if (features.length != Feature.COUNT) {
            throw new IllegalArgumentException(
                    "a feature vector has " + Feature.COUNT + " values, this one " + features.length);
        }
        double[] row = new double[featureIndexes.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = directions[i].clip(transforms[i].apply(features[featureIndexes[i]]), medians[i]);
        }
        return row;
    }

    /** Clips rows shaped by {@link #unclipped} in place. */
    void clip(double[][] rows) {
        for (double[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                row[i] = directions[i].clip(row[i], medians[i]);
            }
        }
    }
}
