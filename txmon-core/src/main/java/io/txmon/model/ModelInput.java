package io.txmon.model;

import io.txmon.features.Feature;
import java.util.Objects;

/**
 * One input of the anomaly model: a feature, how it is shaped, and which side of it is risky.
 *
 * @param feature the feature read from the feature vector
 * @param transform how it is shaped before the forest sees it
 * @param direction which side is risky; the other side is clipped at the training median
 */
public record ModelInput(Feature feature, Transform transform, RiskDirection direction) {
    public ModelInput {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(transform, "transform");
        Objects.requireNonNull(direction, "direction");
    }

    /** Larger is riskier, as it is. */
    public static ModelInput higher(Feature feature) {
        return new ModelInput(feature, Transform.IDENTITY, RiskDirection.HIGHER);
    }

    /** Larger is riskier, on a log scale. */
    public static ModelInput higherLog(Feature feature) {
        return new ModelInput(feature, Transform.SIGNED_LOG, RiskDirection.HIGHER);
    }

    /** Smaller is riskier, on a log scale. */
    public static ModelInput lowerLog(Feature feature) {
        return new ModelInput(feature, Transform.SIGNED_LOG, RiskDirection.LOWER);
    }

    /** Either side may be risky, as it is, as the seeds' raw fields are used. */
    public static ModelInput raw(Feature feature) {
        return new ModelInput(feature, Transform.IDENTITY, RiskDirection.BOTH);
    }

    /** How the input is named in explanations, such as {@code log(tx_count_1h)}. */
    public String name() {
        return transform == Transform.IDENTITY ? feature.featureName() : "log(" + feature.featureName() + ")";
    }
}
