package io.txmon.model;

import io.txmon.features.Feature;
import java.util.Objects;

/**
 * One input of the anomaly model: a feature and how it is shaped.
 *
 * @param feature the feature read from the feature vector
 * @param transform how it is shaped before the forest sees it
 */
public record ModelInput(Feature feature, Transform transform) {
    public ModelInput {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(transform, "transform");
    }

    public static ModelInput raw(Feature feature) {
        return new ModelInput(feature, Transform.IDENTITY);
    }

    public static ModelInput log(Feature feature) {
        return new ModelInput(feature, Transform.SIGNED_LOG);
    }

    /** How the input is named in model files and explanations, such as {@code log(tx_count_1h)}. */
    public String name() {
        return transform == Transform.IDENTITY ? feature.featureName() : "log(" + feature.featureName() + ")";
    }
}
