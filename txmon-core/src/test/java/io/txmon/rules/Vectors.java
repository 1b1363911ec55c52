package io.txmon.rules;

import io.txmon.features.Feature;

/** Feature vectors for tests: all zeros except the features set. */
final class Vectors {
    private final double[] values = new double[Feature.COUNT];

    private Vectors() {}

    static Vectors vector() {
        return new Vectors();
    }

    Vectors with(Feature feature, double value) {
        values[feature.ordinal()] = value;
        return this;
    }

    double[] build() {
        return values.clone();
    }
}
