package io.txmon.features;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What the population looked like in a training window: how much is usually paid in each merchant category, across
 * all accounts, on a log scale (the peer baseline for {@link Feature#AMOUNT_ZSCORE_MERCHANT_TYPE}), and where the
 * counts and amounts rules compare with fixed limits usually fell ({@link PopulationProfile}). It is learned from a
 * training window and then frozen with the model, so that every scorer (batch, API, stream) compares against the
 * same peers without sharing any state between accounts.
 *
 * @param byMerchantType log-amount statistics per merchant category
 * @param population the quantiles of the counts and amounts; {@link PopulationProfile#NONE} when not learned
 */
public record PeerProfile(Map<String, LogAmountStats> byMerchantType, PopulationProfile population) {

    /** Categories with fewer payments than this in training get no peer baseline. */
    public static final int MIN_PAYMENTS_PER_CATEGORY = 30;

    /** Floor on a category's log-amount spread, so that a category of identical prices can't explode. */
    static final double MIN_LOG_SPREAD = 0.1;

    /** No peers known: every peer z-score is 0 and every population percentile {@value PopulationProfile#NEUTRAL}. */
    public static final PeerProfile EMPTY = new PeerProfile(Map.of(), PopulationProfile.NONE);

    public PeerProfile {
        byMerchantType = Map.copyOf(byMerchantType);
        Objects.requireNonNull(population, "population");
    }

    /** These merchant categories with {@code population} as the counts' and amounts' quantiles. */
    public PeerProfile withPopulation(PopulationProfile population) {
        return new PeerProfile(byMerchantType, population);
    }

    /** Standard deviations {@code logAmount} lies above its category's mean; 0 for unknown categories. */
    public double zScore(String merchantType, double logAmount) {
        if (merchantType == null) {
            return 0;
        }
        LogAmountStats stats = byMerchantType.get(merchantType);
        return stats == null ? 0 : (logAmount - stats.mean()) / stats.standardDeviation();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One category's statistics.
     *
     * @param count payments it was learned from
     * @param mean mean of ln(1 + amount)
     * @param standardDeviation their standard deviation, at least {@value #MIN_LOG_SPREAD}
     */
    public record LogAmountStats(long count, double mean, double standardDeviation) {
        public LogAmountStats {
            if (count < 1 || !(standardDeviation > 0) || !Double.isFinite(mean)) {
                throw new IllegalArgumentException(
                        "peer statistics need count >= 1, a finite mean and a positive spread, got count=" + count
                                + " mean=" + mean + " sd=" + standardDeviation);
            }
        }
    }

    /** Accumulates payments per category; categories with too few payments are left out. */
    public static final class Builder {
        private final Map<String, double[]> totals = new HashMap<>();

        private Builder() {}

        public Builder add(String merchantType, double amount) {
            if (merchantType != null) {
                double x = Math.log1p(amount);
                double[] t = totals.computeIfAbsent(merchantType, k -> new double[3]);
                t[0]++;
                t[1] += x;
                t[2] += x * x;
            }
            return this;
        }

        public PeerProfile build() {
            Map<String, LogAmountStats> stats = new HashMap<>();
            totals.forEach((type, t) -> {
                if (t[0] >= MIN_PAYMENTS_PER_CATEGORY) {
                    double mean = t[1] / t[0];
                    double sd = Math.sqrt(Math.max(0, t[2] / t[0] - mean * mean));
                    stats.put(type, new LogAmountStats((long) t[0], mean, Math.max(sd, MIN_LOG_SPREAD)));
                }
            });
            return new PeerProfile(stats, PopulationProfile.NONE);
        }
    }
}
