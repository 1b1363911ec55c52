package io.txmon.simulator;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The probability distributions the simulated world is drawn from. Every draw takes the generator it
 * uses, so each part of the world can own an independent, seeded stream.
 */
final class Sampling {
    private static final int POISSON_DIRECT_LIMIT = 30;

    private Sampling() {}

    /** Whether an event of probability {@code p} happens. */
    static boolean chance(RandomGenerator random, double p) {
        return random.nextDouble() < p;
    }

    /** A lognormal draw given by its median and the standard deviation of its logarithm. */
    static double logNormal(RandomGenerator random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    /** A lognormal draw kept within {@code [min, max]}, as amounts have floors and limits. */
    static double logNormal(RandomGenerator random, double median, double sigma, double min, double max) {
        return Math.min(max, Math.max(min, logNormal(random, median, sigma)));
    }

    /** A draw whose logarithm is uniform on {@code [log min, log max)}: every order of magnitude alike. */
    static double logUniform(RandomGenerator random, double min, double max) {
        return min * Math.exp(random.nextDouble() * Math.log(max / min));
    }

    /** A uniform draw on {@code [min, max)}. */
    static double uniform(RandomGenerator random, double min, double max) {
        return min + random.nextDouble() * (max - min);
    }

    /** A uniform integer on {@code [min, max]}, both ends included. */
    static int between(RandomGenerator random, int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** An exponential draw with the given mean, for waiting times between independent events. */
    static double exponential(RandomGenerator random, double mean) {
        return mean * random.nextExponential();
    }

    /**
     * A Poisson count. Knuth's product method is exact and cheap for the small means of daily counts;
     * larger means, which only occur for busy businesses, use the rounded normal approximation.
     */
    static int poisson(RandomGenerator random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > POISSON_DIRECT_LIMIT) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    /** One element, uniformly. */
    static <T> T pick(RandomGenerator random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** An index drawn with the probabilities whose running totals are {@code cumulative}. */
    static int pickIndex(RandomGenerator random, double[] cumulative) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] > target) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** Running totals of weights, for {@link #pickIndex}. */
    static double[] cumulative(double[] weights) {
        double[] totals = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            totals[i] = sum;
        }
        return totals;
    }

    /** Weights that fall off with rank as in Zipf's law, so a few items are popular and most are not. */
    static double[] zipfCumulative(int count, double exponent) {
        double[] weights = new double[count];
        for (int i = 0; i < count; i++) {
            weights[i] = 1 / Math.pow(i + 1, exponent);
        }
        return cumulative(weights);
    }

    /** Shuffles in place (Fisher and Yates), as {@code Collections.shuffle} takes no seeded generator in Java 17. */
    static <T> void shuffle(RandomGenerator random, List<T> items) {
        for (int i = items.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T item = items.get(i);
            items.set(i, items.get(j));
            items.set(j, item);
        }
    }

    /**
     * Splits {@code total} into {@code parts} random shares. Each weight is an exponential draw plus a
     * floor, so shares vary widely but none is negligible, as when a sum is broken into payments.
     */
    static double[] shares(RandomGenerator random, int parts, double total) {
        double[] shares = new double[parts];
        double sum = 0;
        for (int i = 0; i < parts; i++) {
            shares[i] = 0.2 + random.nextExponential();
            sum += shares[i];
        }
        for (int i = 0; i < parts; i++) {
            shares[i] = shares[i] / sum * total;
        }
        return shares;
    }
}
