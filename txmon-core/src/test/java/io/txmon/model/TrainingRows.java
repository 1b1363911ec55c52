package io.txmon.model;

import java.util.SplittableRandom;

/** Training data for the model's tests: seeded, so every test sees the same rows. */
final class TrainingRows {
    private TrainingRows() {}

    /** {@code n} rows of {@code d} independent standard normal values. */
    static double[][] gaussian(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int f = 0; f < d; f++) {
                row[f] = random.nextGaussian();
            }
        }
        return rows;
    }
}
