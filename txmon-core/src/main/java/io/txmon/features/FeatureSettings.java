package io.txmon.features;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The parameters of the features themselves. They are read when a feature is computed, never baked
 * into the per-account state, so changing them takes effect at once without rebuilding any state.
 *
 * @param reportingThreshold the cash reporting threshold deposits are structured under
 * @param structuringBand a deposit of at least {@code structuringBand × reportingThreshold} and below
 *     the threshold counts as "just under" it
 * @param smallAmount payments of at most this much count as small (card testing)
 * @param similarAmountTolerance two amounts within this relative distance count as similar (round trips)
 * @param timeZone the zone hours of the day are counted in
 */
public record FeatureSettings(
        double reportingThreshold,
        double structuringBand,
        double smallAmount,
        double similarAmountTolerance,
        ZoneId timeZone) {

    public static final double DEFAULT_REPORTING_THRESHOLD = 10_000;
    public static final double DEFAULT_STRUCTURING_BAND = 0.8;
    public static final double DEFAULT_SMALL_AMOUNT = 5;
    public static final double DEFAULT_SIMILAR_AMOUNT_TOLERANCE = 0.1;
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("UTC");

    /** The defaults: threshold 10,000, band 80 % of it, small amount 5, tolerance 10 %, UTC. */
    public static final FeatureSettings DEFAULTS = new FeatureSettings(
            DEFAULT_REPORTING_THRESHOLD,
            DEFAULT_STRUCTURING_BAND,
            DEFAULT_SMALL_AMOUNT,
            DEFAULT_SIMILAR_AMOUNT_TOLERANCE,
            DEFAULT_TIME_ZONE);

    public FeatureSettings {
        requirePositive("reporting_threshold", reportingThreshold);
        if (!(structuringBand > 0 && structuringBand < 1)) {
            throw new IllegalArgumentException("structuring_band must be between 0 and 1, was " + structuringBand);
        }
        requirePositive("small_amount", smallAmount);
        if (!(similarAmountTolerance >= 0 && similarAmountTolerance < 1)) {
            throw new IllegalArgumentException(
                    "similar_amount_tolerance must be within [0, 1), was " + similarAmountTolerance);
        }
        Objects.requireNonNull(timeZone, "time_zone");
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, was " + value);
        }
    }
}
