package io.txmon.simulator;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;

/**
 * What world to simulate: its seed, size, time and how much suspicious activity to inject. Same settings,
 * same world.
 *
 * @param seed the seed every random draw derives from
 * @param customers how many personal customers the bank has; businesses, merchants and other banks'
 *     accounts are added in proportion
 * @param days how many days of activity, from {@code start}
 * @param start the first instant of the simulated period, a whole second
 * @param currency the base currency every amount is in
 * @param suspiciousShare the share of all transactions that belong to a typology; typologies are injected
 *     in turn, each about equally often, until their transactions reach this share (0 for a clean world)
 */
public record SimulationSettings(
        long seed, int customers, int days, Instant start, Currency currency, double suspiciousShare) {

    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_CUSTOMERS = 2_000;
    public static final int DEFAULT_DAYS = 30;
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    /** Pounds sterling, the currency of the simulated bank's home country. */
    public static final Currency DEFAULT_CURRENCY = Currency.getInstance("GBP");
    /** 1.5 %: at the default size about 20 incidents of each typology. */
    public static final double DEFAULT_SUSPICIOUS_SHARE = 0.015;

    public static final int MIN_CUSTOMERS = 10;
    public static final int MAX_CUSTOMERS = 1_000_000;
    public static final int MAX_DAYS = 3_660;
    /** Beyond this, customers times days, the output would not fit in any reasonable memory. */
    public static final long MAX_CUSTOMER_DAYS = 20_000_000;

    public static final double MAX_SUSPICIOUS_SHARE = 0.2;

    private static final Instant EARLIEST_START = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST_START = Instant.parse("2999-01-01T00:00:00Z");

    /** The default world, 2,000 customers over 30 days from 2026-01-01, with seed 1. */
    public static final SimulationSettings DEFAULTS = builder().build();

    public SimulationSettings {
        if (customers < MIN_CUSTOMERS || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException(
                    "customers must be between " + MIN_CUSTOMERS + " and " + MAX_CUSTOMERS + ", was " + customers);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be between 1 and " + MAX_DAYS + ", was " + days);
        }
        if ((long) customers * days > MAX_CUSTOMER_DAYS) {
            throw new IllegalArgumentException("customers times days must be at most " + MAX_CUSTOMER_DAYS + ", was "
                    + customers + " customers for " + days + " days");
        }
        Objects.requireNonNull(start, "start");
        if (start.getNano() != 0 || start.isBefore(EARLIEST_START) || start.isAfter(LATEST_START)) {
            throw new IllegalArgumentException("start must be a whole second between " + EARLIEST_START + " and "
                    + LATEST_START + ", was " + start);
        }
        Objects.requireNonNull(currency, "currency");
        if (!(suspiciousShare >= 0 && suspiciousShare <= MAX_SUSPICIOUS_SHARE)) {
            throw new IllegalArgumentException(
                    "suspicious_share must be between 0 and " + MAX_SUSPICIOUS_SHARE + ", was " + suspiciousShare);
        }
    }

    /** Starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Settings one changes a few of; validation happens in {@link #build()}. */
    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private int customers = DEFAULT_CUSTOMERS;
        private int days = DEFAULT_DAYS;
        private Instant start = DEFAULT_START;
        private Currency currency = DEFAULT_CURRENCY;
        private double suspiciousShare = DEFAULT_SUSPICIOUS_SHARE;

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder customers(int customers) {
            this.customers = customers;
            return this;
        }

        public Builder days(int days) {
            this.days = days;
            return this;
        }

        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder currency(Currency currency) {
            this.currency = currency;
            return this;
        }

        public Builder suspiciousShare(double suspiciousShare) {
            this.suspiciousShare = suspiciousShare;
            return this;
        }

        public SimulationSettings build() {
            return new SimulationSettings(seed, customers, days, start, currency, suspiciousShare);
        }
    }
}
