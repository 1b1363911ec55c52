package io.txmon.training.boosting;

import java.util.SplittableRandom;

/**
 * A seeded, labelled data set for training boosted trees: Gaussian features, a few of them missing, and a rare
 * positive class given by a nonlinear rule (an interaction, a threshold and a curve) plus label noise.
 */
record SyntheticLabels(double[][] rows, boolean[] labels) {
    static final int FEATURES = 8;

    static SyntheticLabels generate(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] features = new double[rows][FEATURES];
        boolean[] labels = new boolean[rows];
        for (int r = 0; r < rows; r++) {
            double[] row = features[r];
            for (int c = 0; c < FEATURES; c++) {
                row[c] = gaussian(random);
            }
            double risk = 1.2 * row[0] * row[1] + (row[2] > 1 ? 1.5 : 0) + Math.sin(2 * row[3]) + 0.5 * row[4] * row[4];
            labels[r] = risk + 0.5 * gaussian(random) > 3.45 || random.nextDouble() < 0.005;
            for (int c = 0; c < FEATURES; c++) {
                if (random.nextDouble() < 0.03) {
                    row[c] = Double.NaN;
                }
            }
        }
        return new SyntheticLabels(features, labels);
    }

    int positives() {
        int positives = 0;
        for (boolean label : labels) {
            positives += label ? 1 : 0;
        }
        return positives;
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
