package io.txmon.simulator;

import java.util.Locale;
import java.util.random.RandomGenerator;

/**
 * A kind of merchant with its typical card amounts. Amounts are lognormal around a median (UK consumer
 * prices in the home currency), clipped to a plausible range, and scaled by the spender's means.
 */
enum MerchantCategory {
    GROCERY(24, 26, 0.75, 1.2, 450, 0.05, Daypart.DAYTIME),
    CAFE(11, 4.2, 0.35, 1.5, 30, 0, Daypart.MORNING),
    RESTAURANT(7, 34, 0.55, 6, 450, 0.15, Daypart.EVENING),
    FAST_FOOD(8, 9.5, 0.45, 2, 70, 0.25, Daypart.MEALS),
    BAR(5, 21, 0.6, 3, 300, 0, Daypart.NIGHT_OUT),
    FUEL(5, 52, 0.35, 8, 160, 0, Daypart.DAYTIME),
    TRANSPORT(10, 7.5, 0.8, 1.5, 150, 0.5, Daypart.COMMUTE),
    PHARMACY(3, 12, 0.6, 1.5, 150, 0.1, Daypart.DAYTIME),
    CLOTHING(4, 48, 0.7, 5, 700, 0.45, Daypart.DAYTIME),
    BEAUTY(2, 32, 0.6, 3, 350, 0.3, Daypart.DAYTIME),
    ELECTRONICS(1.5, 95, 1.0, 5, 3500, 0.55, Daypart.DAYTIME),
    HOME_IMPROVEMENT(2, 42, 0.9, 3, 1800, 0.3, Daypart.DAYTIME),
    FURNITURE(0.4, 260, 0.9, 20, 9000, 0.5, Daypart.DAYTIME),
    ENTERTAINMENT(3, 24, 0.6, 4, 350, 0.5, Daypart.EVENING),
    DIGITAL_GOODS(5, 5.5, 0.9, 0.49, 150, 1.0, Daypart.ANY),
    CHARITY(0.6, 12, 0.8, 1, 600, 0.85, Daypart.ANY),
    GIFT_CARDS(0.5, 40, 0.6, 5, 600, 0.6, Daypart.DAYTIME),
    TRAVEL(1.2, 160, 1.0, 10, 5000, 0.75, Daypart.DAYTIME),
    JEWELRY(0.3, 140, 1.0, 10, 7000, 0.35, Daypart.DAYTIME),
    /** Recurring charges (streaming, software, gyms); never drawn for everyday spending. */
    SUBSCRIPTION(0, 11, 0.5, 2.99, 80, 1.0, Daypart.ANY);

    private final double share;
    private final double medianAmount;
    private final double sigma;
    private final double minAmount;
    private final double maxAmount;
    private final double onlineShare;
    private final Daypart daypart;
    private final String merchantType;

    MerchantCategory(
            double share,
            double medianAmount,
            double sigma,
            double minAmount,
            double maxAmount,
            double onlineShare,
            Daypart daypart) {
        this.share = share;
        this.medianAmount = medianAmount;
        this.sigma = sigma;
        this.minAmount = minAmount;
        this.maxAmount = maxAmount;
        this.onlineShare = onlineShare;
        this.daypart = daypart;
        this.merchantType = name().toLowerCase(Locale.ROOT);
    }

    /** The {@code merchant_type} transactions carry, such as {@code fast_food}. */
    String merchantType() {
        return merchantType;
    }

    /** Relative share of everyday card payments. */
    double share() {
        return share;
    }

    /** Share of payments made online rather than at a till. */
    double onlineShare() {
        return onlineShare;
    }

    /** Whether shops of this kind stand in cities (rather than only online). */
    boolean hasShops() {
        return onlineShare < 1;
    }

    /** Whether the category sells online. */
    boolean sellsOnline() {
        return onlineShare > 0;
    }

    Daypart daypart() {
        return daypart;
    }

    /** The mean amount at a typical spender's level (the lognormal mean, before clipping). */
    double meanAmount() {
        return medianAmount * Math.exp(sigma * sigma / 2);
    }

    /** A typical amount, scaled by how much the spender spends compared with a typical customer. */
    double amount(RandomGenerator random, double spendLevel) {
        return Math.min(
                maxAmount * Math.max(1, spendLevel),
                Math.max(minAmount, Sampling.logNormal(random, medianAmount * spendLevel, sigma)));
    }
}
