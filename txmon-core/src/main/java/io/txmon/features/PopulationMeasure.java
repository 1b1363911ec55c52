package io.txmon.features;

import java.util.Arrays;
import java.util.Optional;

/**
 * A count or amount the default rules compare with a fixed limit, and the feature that says where a transaction's
 * value of it falls among the population's ({@link PopulationProfile}). A fixed limit is a guess at what is unusual;
 * where most accounts pass it (a wholesale bank, a mobile-money service whose customers pay hundreds of times an
 * hour), the percentile keeps the rule to what is unusual for this bank's customers.
 */
public enum PopulationMeasure {
    AMOUNT(Feature.AMOUNT, Feature.AMOUNT_POPULATION_PCT),
    TX_COUNT_1M(Feature.TX_COUNT_1M, Feature.TX_COUNT_1M_POPULATION_PCT),
    TX_COUNT_5M(Feature.TX_COUNT_5M, Feature.TX_COUNT_5M_POPULATION_PCT),
    TX_COUNT_1H(Feature.TX_COUNT_1H, Feature.TX_COUNT_1H_POPULATION_PCT),
    TX_COUNT_24H(Feature.TX_COUNT_24H, Feature.TX_COUNT_24H_POPULATION_PCT),
    IN_SUM_24H(Feature.IN_SUM_24H, Feature.IN_SUM_24H_POPULATION_PCT),
    OUT_SUM_24H(Feature.OUT_SUM_24H, Feature.OUT_SUM_24H_POPULATION_PCT),
    FAN_IN_24H(Feature.FAN_IN_24H, Feature.FAN_IN_24H_POPULATION_PCT),
    FAN_OUT_24H(Feature.FAN_OUT_24H, Feature.FAN_OUT_24H_POPULATION_PCT),
    BALANCE(Feature.BALANCE, Feature.BALANCE_POPULATION_PCT),
    CP_FAN_IN_24H(Feature.CP_FAN_IN_24H, Feature.CP_FAN_IN_24H_POPULATION_PCT),
    CP_BALANCE(Feature.CP_BALANCE, Feature.CP_BALANCE_POPULATION_PCT);

    private final Feature measure;
    private final Feature percentile;

    PopulationMeasure(Feature measure, Feature percentile) {
        this.measure = measure;
        this.percentile = percentile;
    }

    /** The feature measured, such as {@code tx_count_1h}. */
    public Feature measure() {
        return measure;
    }

    /** The feature that places it in the population, such as {@code tx_count_1h_population_pct}. */
    public Feature percentile() {
        return percentile;
    }

    /**
     * Whether the measure describes a transfer's receiving account: then its population is the transfers to an
     * account, since it is 0 for every other transaction and those zeros would make any receiver look unusual.
     */
    public boolean receiverSide() {
        return measure.featureName().startsWith("cp_");
    }

    /** The measure of a feature, such as {@link #TX_COUNT_1H} for {@code tx_count_1h}; model files name them so. */
    public static Optional<PopulationMeasure> of(Feature measure) {
        return Arrays.stream(values()).filter(m -> m.measure == measure).findFirst();
    }

    /** Whether {@code feature} is a population percentile, which the decision writes (never an account's state). */
    public static boolean isPercentile(Feature feature) {
        return Arrays.stream(values()).anyMatch(m -> m.percentile == feature);
    }
}
