package io.txmon.features;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the population's counts and amounts looked like in a model's training window: per {@link PopulationMeasure},
 * the {@link Quantiles} of its values over the window's transactions, as scoring computed them. Frozen with the model
 * (inside its {@link PeerProfile}), so that every scorer places a transaction among the same peers from its own
 * features alone, without state shared between accounts.
 *
 * <p>The population is the window's accounts, not its transactions: each account's transactions share one account's
 * weight. Weighed by transactions, a few busy payers (payroll runs, collecting shops) would fill the tail, and a
 * personal account paying five people in a day would look ordinary beside them; what most accounts do is what is not
 * suspicious in itself. The values are the measures as each transaction saw them, so an account that is quiet most
 * of the day and busy for an hour contributes both.
 *
 * <p>Without a profile (no model, or a model file from before profiles existed) every percentile is
 * {@value #NEUTRAL}: a rule {@code x > limit && x_population_pct >= 0.99} is then the fixed limit alone, as before.
 *
 * @param byMeasure each measure's quantiles; a measure seen too rarely in training has none, and places at
 *     {@value #NEUTRAL}
 */
public record PopulationProfile(Map<PopulationMeasure, Quantiles> byMeasure) {
    /** The percentile of every measure without a profile: as unusual as can be, so that fixed limits decide alone. */
    public static final double NEUTRAL = 1.0;

    /** Fewer training values than this say too little about a measure's tail, which is what rules ask about. */
    public static final int MIN_VALUES = 100;

    /** Values kept per measure while building; more are sampled evenly, as the quantiles need no more. */
    static final int MAX_VALUES = 100_000;

    /** No population known: every percentile is {@value #NEUTRAL}. */
    public static final PopulationProfile NONE = new PopulationProfile(Map.of());

    public PopulationProfile {
        byMeasure = byMeasure.isEmpty() ? Map.of() : new EnumMap<>(byMeasure);
    }

    @Override
    public Map<PopulationMeasure, Quantiles> byMeasure() {
        return byMeasure.isEmpty() ? Map.of() : new EnumMap<>(byMeasure);
    }

    /** Where {@code value} falls among the population's values of {@code measure}, 0 to 1. */
    public double percentile(PopulationMeasure measure, double value) {
        Quantiles quantiles = byMeasure.get(measure);
        return quantiles == null ? NEUTRAL : quantiles.shareBelow(value);
    }

    /** Writes every measure's percentile into a feature vector that holds the measures. */
    public void write(double[] features) {
        for (PopulationMeasure measure : PopulationMeasure.values()) {
            features[measure.percentile().ordinal()] =
                    percentile(measure, features[measure.measure().ordinal()]);
        }
    }

    /**
     * A builder for a window of about {@code expectedTransactions}, from which it keeps an even sample of at most
     * {@value #MAX_VALUES} values per measure.
     */
    public static Builder builder(int expectedTransactions) {
        return new Builder(expectedTransactions);
    }

    /** Collects the measures of a training window's transactions, in the order they were scored. */
    public static final class Builder {
        private final int stride;
        private final double[][] values = new double[PopulationMeasure.values().length][];
        private final double[][] weights = new double[values.length][];
        private final int[] kept = new int[values.length];
        private final long[] seen = new long[values.length];

        private Builder(int expectedTransactions) {
            if (expectedTransactions < 0) {
                throw new IllegalArgumentException("expectedTransactions must be >= 0, was " + expectedTransactions);
            }
            this.stride = Math.max(1, (int) Math.ceil(expectedTransactions / (double) MAX_VALUES));
            int capacity = Math.min(MAX_VALUES, Math.max(16, expectedTransactions));
            for (int m = 0; m < values.length; m++) {
                values[m] = new double[capacity];
                weights[m] = new double[capacity];
            }
        }

        /**
         * Adds one transaction's features.
         *
         * @param payerTransactions how many of the window's transactions its payer ({@code user_id}) made: each
         *     weighs the inverse, so that every account counts once
         * @param receiverTransactions how many of the window's transfers its receiving account received; 0 when it
         *     is not a transfer to an account, and then its receiver-side measures are left out (they are 0, and
         *     such zeros would make any receiver look unusual)
         */
        public Builder add(double[] features, int payerTransactions, int receiverTransactions) {
            if (payerTransactions < 1 || receiverTransactions < 0) {
                throw new IllegalArgumentException("a transaction's payer made at least it, and its receiver received"
                        + " it or none; got payerTransactions=" + payerTransactions + " receiverTransactions="
                        + receiverTransactions);
            }
            for (PopulationMeasure measure : PopulationMeasure.values()) {
                int among = measure.receiverSide() ? receiverTransactions : payerTransactions;
                if (among == 0) {
                    continue;
                }
                int m = measure.ordinal();
                if (seen[m]++ % stride == 0) {
                    if (kept[m] == values[m].length) {
                        values[m] = Arrays.copyOf(values[m], values[m].length * 2);
                        weights[m] = Arrays.copyOf(weights[m], weights[m].length * 2);
                    }
                    values[m][kept[m]] = features[measure.measure().ordinal()];
                    weights[m][kept[m]++] = 1.0 / among;
                }
            }
            return this;
        }

        public PopulationProfile build() {
            Map<PopulationMeasure, Quantiles> quantiles = new EnumMap<>(PopulationMeasure.class);
            for (PopulationMeasure measure : PopulationMeasure.values()) {
                int m = measure.ordinal();
                if (kept[m] >= MIN_VALUES) {
                    quantiles.put(measure, Quantiles.of(values[m], weights[m], kept[m]));
                }
            }
            return new PopulationProfile(quantiles);
        }
    }
}
