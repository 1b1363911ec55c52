package io.txmon.drift;

import java.util.Arrays;
import java.util.Objects;

/**
 * The population stability index (PSI) of one quantity between a reference sample, such as a model's training rows,
 * and a recent one: the reference cut into bins at its quantiles, then Σ (recent share − reference share) · ln(recent
 * share / reference share) over the bins. 0 when nothing moved; by the usual reading, under {@value #STABLE} stable,
 * from {@value #SHIFTED} a shift worth acting on. Written here rather than taken from a library because it is a few
 * lines over the bins and no statistics library on Maven Central offers it; the bins are the part that needs care.
 *
 * <p>Many features are discrete (0 or 1, small counts), so quantile cuts often coincide: equal cuts are merged, and a
 * value equal to a cut falls in the bin above it, so a feature with two values gets two bins, plus one below and one
 * above anything the reference held. A bin empty on one side counts as holding {@value #EMPTY_SHARE} of it, so that
 * the index stays finite.
 */
public final class PopulationStability {
    /** Under this, by the usual reading, the population is stable. */
    public static final double STABLE = 0.1;
    /** From this, the population has shifted enough to act on (retrain, look at the inputs that moved). */
    public static final double SHIFTED = 0.25;
    /** Bins cut from the reference by default: deciles. */
    public static final int DEFAULT_BINS = 10;
    /** The share an empty bin is taken to hold. */
    static final double EMPTY_SHARE = 1e-4;

    /** Upper-exclusive cuts between bins, ascending and distinct. */
    private final double[] cuts;

    private final double[] referenceShares;

    private PopulationStability(double[] cuts, double[] referenceShares) {
        this.cuts = cuts;
        this.referenceShares = referenceShares;
    }

    /**
     * Bins cut at the reference's quantiles 1/bins, 2/bins, ..., merged where they coincide.
     *
     * @throws IllegalArgumentException when the reference is empty, holds NaN, or bins is under 2
     */
    public static PopulationStability of(double[] reference, int bins) {
        Objects.requireNonNull(reference, "reference");
        if (reference.length == 0) {
            throw new IllegalArgumentException("the reference sample is empty");
        }
        if (bins < 2) {
            throw new IllegalArgumentException("bins must be at least 2, was " + bins);
        }
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("the reference sample holds NaN");
        }
        double[] cuts = new double[bins + 1];
        int distinct = 0;
        // Below the reference's smallest value and above its largest are bins of their own, empty in the reference:
        // a value training never saw (a feature always 0 that is now 1) is drift, even when the reference is constant.
        cuts[distinct++] = sorted[0];
        for (int b = 1; b < bins; b++) {
            double cut = sorted[Math.min(sorted.length - 1, (int) ((long) b * sorted.length / bins))];
            // A cut at the smallest value would leave its bin below it empty in the reference by construction.
            if (cut > sorted[0] && (distinct == 0 || cut > cuts[distinct - 1])) {
                cuts[distinct++] = cut;
            }
        }
        double aboveLargest = Math.nextUp(sorted[sorted.length - 1]);
        if (aboveLargest > cuts[distinct - 1]) {
            cuts[distinct++] = aboveLargest;
        }
        double[] merged = Arrays.copyOf(cuts, distinct);
        PopulationStability shape = new PopulationStability(merged, null);
        return new PopulationStability(merged, shape.shares(reference));
    }

    /**
     * How many bins the reference was cut into, once coinciding cuts were merged, with the two for values below and
     * above any it held.
     */
    public int bins() {
        return cuts.length + 1;
    }

    /**
     * The index of {@code recent} against the reference.
     *
     * @throws IllegalArgumentException when {@code recent} is empty
     */
    public double index(double[] recent) {
        if (recent.length == 0) {
            throw new IllegalArgumentException("the recent sample is empty");
        }
        double[] shares = shares(recent);
        double psi = 0;
        for (int b = 0; b < shares.length; b++) {
            double actual = Math.max(EMPTY_SHARE, shares[b]);
            double expected = Math.max(EMPTY_SHARE, referenceShares[b]);
            psi += (actual - expected) * Math.log(actual / expected);
        }
        return psi;
    }

    private double[] shares(double[] values) {
        double[] counts = new double[cuts.length + 1];
        for (double value : values) {
            counts[binOf(value)]++;
        }
        for (int b = 0; b < counts.length; b++) {
            counts[b] /= values.length;
        }
        return counts;
    }

    /** The bin of {@code value}: the number of cuts at or below it; NaN goes to the last bin. */
    private int binOf(double value) {
        if (Double.isNaN(value)) {
            return cuts.length;
        }
        int low = 0;
        int high = cuts.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cuts[middle] <= value) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
