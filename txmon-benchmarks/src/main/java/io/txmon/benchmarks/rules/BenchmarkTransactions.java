package io.txmon.benchmarks.rules;

import io.txmon.features.Feature;

/** Feature vectors of realistic transactions for the rule benchmarks. */
final class BenchmarkTransactions {
    private BenchmarkTransactions() {}

    /** A lunchtime card payment by an established customer with regular habits: no rule fires. */
    static double[] ordinaryCardPayment() {
        double[] v = new double[Feature.COUNT];
        set(v, Feature.AMOUNT, 42.5);
        set(v, Feature.LOG_AMOUNT, Math.log1p(42.5));
        set(v, Feature.HOUR_OF_DAY, 13);
        set(v, Feature.IS_CARD, 1);
        set(v, Feature.IS_POS, 1);
        set(v, Feature.TX_COUNT_1M, 1);
        set(v, Feature.TX_SUM_1M, 42.5);
        set(v, Feature.TX_COUNT_5M, 1);
        set(v, Feature.TX_SUM_5M, 42.5);
        set(v, Feature.TX_COUNT_1H, 1);
        set(v, Feature.TX_SUM_1H, 42.5);
        set(v, Feature.TX_COUNT_24H, 3);
        set(v, Feature.TX_SUM_24H, 160);
        set(v, Feature.TX_COUNT_30D, 64);
        set(v, Feature.TX_SUM_30D, 3_900);
        set(v, Feature.VELOCITY_RATIO_24H, 1.4);
        set(v, Feature.SECONDS_SINCE_PREV_TX, 5_400);
        set(v, Feature.PRIOR_TX_COUNT, 410);
        set(v, Feature.AMOUNT_MEAN_30D, 61);
        set(v, Feature.AMOUNT_STD_30D, 48);
        set(v, Feature.AMOUNT_ZSCORE_30D, -0.39);
        set(v, Feature.AMOUNT_TO_MAX_30D, 0.17);
        set(v, Feature.AMOUNT_ZSCORE_MERCHANT_TYPE, 0.2);
        set(v, Feature.DISTINCT_CITIES_1M, 1);
        set(v, Feature.DISTINCT_CITIES_1H, 1);
        set(v, Feature.DISTINCT_MERCHANTS_1H, 1);
        set(v, Feature.HOUR_FREQUENCY, 0.09);
        set(v, Feature.HOUR_ENTROPY, 3.6);
        set(v, Feature.DAYS_SINCE_LAST_ACTIVITY, 0.06);
        set(v, Feature.ACCOUNT_AGE_DAYS, 1_460);
        set(v, Feature.BALANCE, 3_250);
        set(v, Feature.OUT_COUNT_24H, 3);
        set(v, Feature.OUT_SUM_24H, 160);
        return v;
    }

    /**
     * A taken-over account emptied by transfer from a new device abroad to a fresh payee that has been
     * collecting money from many senders: several rules fire and more conditions are read in full.
     */
    static double[] accountTakeoverTransfer() {
        double[] v = ordinaryCardPayment();
        set(v, Feature.IS_CARD, 0);
        set(v, Feature.IS_POS, 0);
        set(v, Feature.IS_TRANSFER, 1);
        set(v, Feature.IS_ONLINE, 1);
        set(v, Feature.HOUR_OF_DAY, 3);
        set(v, Feature.AMOUNT, 12_400);
        set(v, Feature.LOG_AMOUNT, Math.log1p(12_400));
        set(v, Feature.AMOUNT_ZSCORE_30D, 11.2);
        set(v, Feature.AMOUNT_TO_MAX_30D, 5.1);
        set(v, Feature.BALANCE, 310);
        set(v, Feature.IS_NEW_DEVICE, 1);
        set(v, Feature.IS_NEW_COUNTRY, 1);
        set(v, Feature.IS_NEW_CITY, 1);
        set(v, Feature.IS_NEW_COUNTERPARTY, 1);
        set(v, Feature.HOUR_FREQUENCY, 0.003);
        set(v, Feature.FAN_OUT_24H, 1);
        set(v, Feature.CP_PRIOR_TX_COUNT, 14);
        set(v, Feature.CP_ACCOUNT_AGE_DAYS, 5);
        set(v, Feature.CP_BALANCE, 81_000);
        set(v, Feature.CP_IN_COUNT_24H, 9);
        set(v, Feature.CP_IN_SUM_24H, 68_000);
        set(v, Feature.CP_IN_COUNT_RATIO_24H, 9);
        set(v, Feature.CP_FAN_IN_24H, 9);
        set(v, Feature.CP_FAN_IN_48H, 11);
        return v;
    }

    private static void set(double[] vector, Feature feature, double value) {
        vector[feature.ordinal()] = value;
    }
}
