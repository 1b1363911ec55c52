package io.txmon.benchmarks;

import java.util.SplittableRandom;

/** Seeded synthetic feature rows for the benchmarks. */
final class BenchmarkRows {
    private BenchmarkRows() {}

    /** {@code n} rows of {@code d} independent standard normal values. */
    static double[][] gaussian(int n, int d, SplittableRandom random) {
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int f = 0; f < d; f++) {
                row[f] = random.nextGaussian();
            }
        }
        return rows;
    }
}
