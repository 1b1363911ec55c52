package io.txmon.features;

import java.util.Arrays;

/**
 * One measure's distribution, kept as its cut points at equal shares: with 100 of them, the values up to which
 * 1 %, 2 %, ... 100 % of the population fell (the last is the largest value seen). 100 doubles per measure keep a
 * model small while placing any value to the nearest percent.
 *
 * @param cutPoints ascending, finite, at least one; cut point {@code k} (from 0) is the smallest value that at least
 *     {@code (k + 1) / n} of the population did not exceed
 */
public record Quantiles(double[] cutPoints) {
    /** The cut points a profile keeps per measure. */
    public static final int CUT_POINTS = 100;

    public Quantiles {
        if (cutPoints.length == 0) {
            throw new IllegalArgumentException("quantiles need at least one cut point");
        }
        cutPoints = cutPoints.clone();
        for (int k = 0; k < cutPoints.length; k++) {
            if (!Double.isFinite(cutPoints[k]) || (k > 0 && cutPoints[k] < cutPoints[k - 1])) {
                throw new IllegalArgumentException(
                        "cut points must be finite and ascending, got " + Arrays.toString(cutPoints));
            }
        }
    }

    /**
     * The cut points of a population whose members carry weights: cut point {@code k} is the smallest value at
     * which the values so far weigh at least {@code (k + 1) / }{@value #CUT_POINTS} of the total.
     *
     * @param values the values, in any order
     * @param weights each value's weight, positive
     * @param count how many of the arrays' entries to use
     */
    static Quantiles of(double[] values, double[] weights, int count) {
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double total = 0;
        for (int i = 0; i < count; i++) {
            total += weights[i];
        }
        double[] cuts = new double[CUT_POINTS];
        double below = 0;
        int i = 0;
        for (int k = 0; k < CUT_POINTS; k++) {
            // A small tolerance, so that rounding in the running sum cannot skip a cut it reached exactly.
            double needed = (k + 1) * total / CUT_POINTS - total * 1e-12;
            while (i < count - 1 && below + weights[order[i]] < needed) {
                below += weights[order[i]];
                i++;
            }
            cuts[k] = values[order[i]];
        }
        return new Quantiles(cuts);
    }

    /**
     * The share of cut points strictly below {@code value}: at least that share of the population had a smaller
     * value. Values the population shares most often place low, however large they are: when everyone makes 300
     * payments an hour, 300 is ordinary. Anything above the largest value seen places at 1.
     */
    public double shareBelow(double value) {
        int low = 0;
        int high = cutPoints.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cutPoints[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low / (double) cutPoints.length;
    }

    @Override
    public double[] cutPoints() {
        return cutPoints.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Quantiles q && Arrays.equals(cutPoints, q.cutPoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cutPoints);
    }

    @Override
    public String toString() {
        return "Quantiles" + Arrays.toString(cutPoints);
    }
}
