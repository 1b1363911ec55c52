package io.txmon.features;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every feature a transaction is judged by, with the name rules use for it. Windows end at the
 * transaction and include it; statistics about the account's history ("mean", "max", "frequency",
 * "known") use only what came before it. "The account" is the transaction's {@code user_id}; features
 * named {@code cp_...} describe the receiving account of a transfer and are zero for other types.
 */
public enum Feature {
    // The transaction itself
    AMOUNT("amount", FeatureGroup.AMOUNT, "amount in the transaction's currency"),
    LOG_AMOUNT("log_amount", FeatureGroup.AMOUNT, "natural logarithm of 1 + amount"),
    HOUR_OF_DAY("hour_of_day", FeatureGroup.TIME, "hour of the day, 0 to 23, in the configured time zone"),
    IS_CARD("is_card", FeatureGroup.TRANSACTION, "1 for a card payment"),
    IS_TRANSFER("is_transfer", FeatureGroup.TRANSACTION, "1 for a transfer to another account"),
    IS_CASH_IN("is_cash_in", FeatureGroup.TRANSACTION, "1 for a deposit"),
    IS_CASH_OUT("is_cash_out", FeatureGroup.TRANSACTION, "1 for a withdrawal"),
    IS_POS("is_pos", FeatureGroup.TRANSACTION, "1 when made at a point of sale"),
    IS_ONLINE("is_online", FeatureGroup.TRANSACTION, "1 when made online"),
    IS_ATM("is_atm", FeatureGroup.TRANSACTION, "1 when made at a cash machine"),
    IS_BRANCH("is_branch", FeatureGroup.TRANSACTION, "1 when made in a branch"),

    // Velocity: the account's own transactions in sliding windows
    TX_COUNT_1M("tx_count_1m", FeatureGroup.VELOCITY, "transactions of the account in the last minute"),
    TX_SUM_1M("tx_sum_1m", FeatureGroup.VELOCITY, "their total amount"),
    TX_COUNT_5M("tx_count_5m", FeatureGroup.VELOCITY, "transactions of the account in the last 5 minutes"),
    TX_SUM_5M("tx_sum_5m", FeatureGroup.VELOCITY, "their total amount"),
    TX_COUNT_1H("tx_count_1h", FeatureGroup.VELOCITY, "transactions of the account in the last hour"),
    TX_SUM_1H("tx_sum_1h", FeatureGroup.VELOCITY, "their total amount"),
    TX_COUNT_24H("tx_count_24h", FeatureGroup.VELOCITY, "transactions of the account in the last 24 hours"),
    TX_SUM_24H("tx_sum_24h", FeatureGroup.VELOCITY, "their total amount"),
    TX_COUNT_30D("tx_count_30d", FeatureGroup.VELOCITY, "transactions of the account in the last 30 days"),
    TX_SUM_30D("tx_sum_30d", FeatureGroup.VELOCITY, "their total amount"),
    VELOCITY_RATIO_24H(
            "velocity_ratio_24h",
            FeatureGroup.VELOCITY,
            "transactions in the last 24 hours over the account's usual daily count (at least 1) before them"),
    SECONDS_SINCE_PREV_TX(
            "seconds_since_prev_tx",
            FeatureGroup.VELOCITY,
            "seconds since the account's previous transaction; one year when there was none"),
    PRIOR_TX_COUNT("prior_tx_count", FeatureGroup.VELOCITY, "transactions of the account seen before this one"),

    // Amount against the account's history and its peers
    AMOUNT_MEAN_30D("amount_mean_30d", FeatureGroup.AMOUNT, "mean amount of the account's previous 30 days"),
    AMOUNT_STD_30D("amount_std_30d", FeatureGroup.AMOUNT, "standard deviation of those amounts"),
    AMOUNT_ZSCORE_30D(
            "amount_zscore_30d",
            FeatureGroup.AMOUNT,
            "standard deviations the amount lies above the 30-day mean; 0 with fewer than 3 previous amounts"),
    AMOUNT_TO_MAX_30D(
            "amount_to_max_30d",
            FeatureGroup.AMOUNT,
            "amount over the largest of the previous 30 days; 0 when there was none"),
    AMOUNT_ZSCORE_MERCHANT_TYPE(
            "amount_zscore_merchant_type",
            FeatureGroup.AMOUNT,
            "standard deviations the log amount lies above its merchant category's, from the model's peer profile"),

    // Places, devices, merchants
    DISTINCT_CITIES_1M("distinct_cities_1m", FeatureGroup.LOCATION, "cities the account was used in, last minute"),
    DISTINCT_CITIES_1H("distinct_cities_1h", FeatureGroup.LOCATION, "cities the account was used in, last hour"),
    IS_NEW_CITY(
            "is_new_city",
            FeatureGroup.LOCATION,
            "1 when an account with history is used in a city for the first time"),
    IS_NEW_COUNTRY(
            "is_new_country",
            FeatureGroup.LOCATION,
            "1 when an account with history is used in a country for the first time"),
    IS_NEW_DEVICE(
            "is_new_device",
            FeatureGroup.DEVICE,
            "1 when an account with history is used from a device for the first time"),
    IS_NEW_MERCHANT(
            "is_new_merchant",
            FeatureGroup.CARD_TESTING,
            "1 when an account with history pays a merchant for the first time"),
    IS_RECENT_DEVICE(
            "is_recent_device",
            FeatureGroup.DEVICE,
            "1 when the device was first used by the account in the last 24 hours, the account being known for longer"),
    IS_RECENT_CITY(
            "is_recent_city",
            FeatureGroup.LOCATION,
            "1 when the city was first used by the account in the last 24 hours, the account being known for longer"),
    CITY_CHANGES_24H(
            "city_changes_24h",
            FeatureGroup.LOCATION,
            "times the account's own transactions moved from one city to another in the last 24 hours, this one included"),
    DISTINCT_MERCHANTS_1H(
            "distinct_merchants_1h", FeatureGroup.CARD_TESTING, "merchants the account paid in the last hour"),
    SMALL_TX_COUNT_1H(
            "small_tx_count_1h",
            FeatureGroup.CARD_TESTING,
            "payments of at most the configured small amount in the last hour"),

    // Time of day against the account's habits
    HOUR_FREQUENCY(
            "hour_frequency",
            FeatureGroup.TIME,
            "share of the account's previous transactions made in this hour of the day (smoothed; 1/24 when new)"),
    HOUR_ENTROPY(
            "hour_entropy",
            FeatureGroup.TIME,
            "entropy in bits of the hours of the account's previous transactions (0 to 4.58)"),

    // Account lifecycle
    DAYS_SINCE_LAST_ACTIVITY(
            "days_since_last_activity",
            FeatureGroup.DORMANCY,
            "days since money last moved in or out of the account; 0 when first seen"),
    ACCOUNT_AGE_DAYS(
            "account_age_days",
            FeatureGroup.ACCOUNT_AGE,
            "days since the account was opened, or first seen when reference data does not say"),
    IS_BUSINESS("is_business", FeatureGroup.ACCOUNT_AGE, "1 when reference data says the account is a business"),
    BALANCE("balance", FeatureGroup.BALANCE, "opening balance plus all flows in, minus all flows out, after this one"),
    DRAIN_24H(
            "drain_24h",
            FeatureGroup.BALANCE,
            "share of the money the account held that left it in the last 24 hours, out_sum_24h / (balance +"
                    + " out_sum_24h), 0 to 1; 0 unless reference data gave the account's balance"),

    // Flows in and out, counterparties
    IN_COUNT_24H("in_count_24h", FeatureGroup.FAN_IN, "payments into the account in the last 24 hours"),
    IN_SUM_24H("in_sum_24h", FeatureGroup.FAN_IN, "their total amount"),
    OUT_COUNT_24H("out_count_24h", FeatureGroup.VELOCITY, "payments out of the account in the last 24 hours"),
    OUT_SUM_24H("out_sum_24h", FeatureGroup.VELOCITY, "their total amount"),
    IN_COUNT_RATIO_24H(
            "in_count_ratio_24h",
            FeatureGroup.FAN_IN,
            "payments in over the last 24 hours over the account's usual daily count (at least 1) before them"),
    FAN_IN_24H("fan_in_24h", FeatureGroup.FAN_IN, "distinct accounts that transferred to the account, last 24 hours"),
    FAN_IN_48H("fan_in_48h", FeatureGroup.FAN_IN, "distinct accounts that transferred to the account, last 48 hours"),
    FAN_OUT_24H("fan_out_24h", FeatureGroup.FAN_OUT, "distinct accounts the account transferred to, last 24 hours"),
    FAN_OUT_48H("fan_out_48h", FeatureGroup.FAN_OUT, "distinct accounts the account transferred to, last 48 hours"),
    IS_NEW_COUNTERPARTY(
            "is_new_counterparty",
            FeatureGroup.FAN_OUT,
            "1 when an account with history transfers to a receiver for the first time"),
    PASS_THROUGH_24H(
            "pass_through_24h",
            FeatureGroup.PASS_THROUGH,
            "share of the money received in the last 24 hours that went out again in them (0 to 1)"),
    NEAR_THRESHOLD_DEPOSITS_7D(
            "near_threshold_deposits_7d",
            FeatureGroup.STRUCTURING,
            "deposits in the last 7 days just under the reporting threshold"),
    NEAR_THRESHOLD_DEPOSIT_SUM_7D("near_threshold_deposit_sum_7d", FeatureGroup.STRUCTURING, "their total amount"),

    // The receiving account of a transfer
    CP_PRIOR_TX_COUNT(
            "cp_prior_tx_count", FeatureGroup.COUNTERPARTY, "money movements of the receiving account seen before"),
    CP_ACCOUNT_AGE_DAYS("cp_account_age_days", FeatureGroup.COUNTERPARTY, "age in days of the receiving account"),
    CP_DAYS_SINCE_LAST_ACTIVITY(
            "cp_days_since_last_activity", FeatureGroup.COUNTERPARTY, "days the receiving account had been quiet"),
    CP_IS_BUSINESS("cp_is_business", FeatureGroup.COUNTERPARTY, "1 when the receiving account is a business"),
    CP_BALANCE("cp_balance", FeatureGroup.COUNTERPARTY, "balance of the receiving account after this payment"),
    CP_IN_COUNT_24H("cp_in_count_24h", FeatureGroup.FAN_IN, "payments into the receiving account in the last 24 hours"),
    CP_IN_SUM_24H("cp_in_sum_24h", FeatureGroup.FAN_IN, "their total amount"),
    CP_IN_COUNT_RATIO_24H(
            "cp_in_count_ratio_24h",
            FeatureGroup.FAN_IN,
            "payments into the receiving account in 24 hours over its usual daily count (at least 1)"),
    CP_FAN_IN_24H("cp_fan_in_24h", FeatureGroup.FAN_IN, "distinct accounts that paid the receiver, last 24 hours"),
    CP_FAN_IN_48H("cp_fan_in_48h", FeatureGroup.FAN_IN, "distinct accounts that paid the receiver, last 48 hours"),
    CP_SENT_SIMILAR_7D(
            "cp_sent_similar_7d",
            FeatureGroup.ROUND_TRIP,
            "1 when the receiver itself transferred out a similar amount in the last 7 days"),
    // Entities the transaction touches (docs/features.md, "Entities"): zero when the transaction names none
    ACCOUNT_FRAUD_SHARE_1D(
            "account_fraud_share_1d",
            FeatureGroup.KNOWN_FRAUD,
            "share of the account's transactions of today (UTC) known as fraud when this one is decided"),
    ACCOUNT_FRAUD_SHARE_7D(
            "account_fraud_share_7d",
            FeatureGroup.KNOWN_FRAUD,
            "share of the account's transactions of the last 7 days known as fraud when this one is decided"),
    ACCOUNT_FRAUD_SHARE_30D(
            "account_fraud_share_30d",
            FeatureGroup.KNOWN_FRAUD,
            "share of the account's transactions of the last 30 days known as fraud when this one is decided"),
    ACCOUNT_KNOWN_FRAUDS_30D(
            "account_known_frauds_30d",
            FeatureGroup.KNOWN_FRAUD,
            "the account's transactions of the last 30 days known as fraud when this one is decided"),
    ACCOUNT_FRAUD_SHARE_SETTLED_1D(
            "account_fraud_share_settled_1d",
            FeatureGroup.KNOWN_FRAUD,
            "share known as fraud of the account's transactions on the day 7 days before this one's, when outcomes are mostly known"),
    ACCOUNT_FRAUD_SHARE_SETTLED_7D(
            "account_fraud_share_settled_7d",
            FeatureGroup.KNOWN_FRAUD,
            "share known as fraud of the account's transactions in the 7 days that ended 7 days before this one's"),
    MERCHANT_TX_COUNT_1D(
            "merchant_tx_count_1d",
            FeatureGroup.MERCHANT_RISK,
            "transactions of the merchant or terminal today (UTC), this one included"),
    MERCHANT_TX_COUNT_7D(
            "merchant_tx_count_7d",
            FeatureGroup.MERCHANT_RISK,
            "transactions of the merchant or terminal in the last 7 days"),
    MERCHANT_ACCOUNTS_7D(
            "merchant_accounts_7d",
            FeatureGroup.MERCHANT_RISK,
            "distinct paying accounts of the merchant or terminal in the last 7 days (exact up to 32)"),
    MERCHANT_AGE_DAYS(
            "merchant_age_days", FeatureGroup.MERCHANT_RISK, "days since the merchant or terminal was first seen"),
    MERCHANT_FRAUD_SHARE_1D(
            "merchant_fraud_share_1d",
            FeatureGroup.MERCHANT_RISK,
            "share of today's transactions of the merchant or terminal known as fraud when this one is decided"),
    MERCHANT_FRAUD_SHARE_7D(
            "merchant_fraud_share_7d",
            FeatureGroup.MERCHANT_RISK,
            "share of the last 7 days' transactions of the merchant or terminal known as fraud when this one is decided"),
    MERCHANT_FRAUD_SHARE_30D(
            "merchant_fraud_share_30d",
            FeatureGroup.MERCHANT_RISK,
            "share of the last 30 days' transactions of the merchant or terminal known as fraud when this one is decided"),
    MERCHANT_KNOWN_FRAUDS_30D(
            "merchant_known_frauds_30d",
            FeatureGroup.MERCHANT_RISK,
            "transactions of the merchant or terminal in the last 30 days known as fraud when this one is decided"),
    MERCHANT_FRAUD_ACCOUNTS_30D(
            "merchant_fraud_accounts_30d",
            FeatureGroup.MERCHANT_RISK,
            "distinct accounts with a transaction at the merchant or terminal in the last 30 days known as fraud (up to 16)"),
    MERCHANT_FRAUD_SHARE_SETTLED_1D(
            "merchant_fraud_share_settled_1d",
            FeatureGroup.MERCHANT_RISK,
            "share known as fraud of transactions of the merchant or terminal on the day 7 days before this one's, when outcomes are mostly known"),
    MERCHANT_FRAUD_SHARE_SETTLED_7D(
            "merchant_fraud_share_settled_7d",
            FeatureGroup.MERCHANT_RISK,
            "share known as fraud of transactions of the merchant or terminal in the 7 days that ended 7 days before this one's"),
    DEVICE_TX_COUNT_1D(
            "device_tx_count_1d",
            FeatureGroup.DEVICE_RISK,
            "transactions of the device today (UTC), this one included"),
    DEVICE_TX_COUNT_7D("device_tx_count_7d", FeatureGroup.DEVICE_RISK, "transactions of the device in the last 7 days"),
    DEVICE_ACCOUNTS_7D(
            "device_accounts_7d",
            FeatureGroup.DEVICE_RISK,
            "distinct paying accounts of the device in the last 7 days (exact up to 32)"),
    DEVICE_AGE_DAYS("device_age_days", FeatureGroup.DEVICE_RISK, "days since the device was first seen"),
    DEVICE_FRAUD_SHARE_1D(
            "device_fraud_share_1d",
            FeatureGroup.DEVICE_RISK,
            "share of today's transactions of the device known as fraud when this one is decided"),
    DEVICE_FRAUD_SHARE_7D(
            "device_fraud_share_7d",
            FeatureGroup.DEVICE_RISK,
            "share of the last 7 days' transactions of the device known as fraud when this one is decided"),
    DEVICE_FRAUD_SHARE_30D(
            "device_fraud_share_30d",
            FeatureGroup.DEVICE_RISK,
            "share of the last 30 days' transactions of the device known as fraud when this one is decided"),
    DEVICE_KNOWN_FRAUDS_30D(
            "device_known_frauds_30d",
            FeatureGroup.DEVICE_RISK,
            "transactions of the device in the last 30 days known as fraud when this one is decided"),
    DEVICE_FRAUD_ACCOUNTS_30D(
            "device_fraud_accounts_30d",
            FeatureGroup.DEVICE_RISK,
            "distinct accounts with a transaction at the device in the last 30 days known as fraud (up to 16)"),
    DEVICE_FRAUD_SHARE_SETTLED_1D(
            "device_fraud_share_settled_1d",
            FeatureGroup.DEVICE_RISK,
            "share known as fraud of transactions of the device on the day 7 days before this one's, when outcomes are mostly known"),
    DEVICE_FRAUD_SHARE_SETTLED_7D(
            "device_fraud_share_settled_7d",
            FeatureGroup.DEVICE_RISK,
            "share known as fraud of transactions of the device in the 7 days that ended 7 days before this one's"),
    PAYEE_TX_COUNT_1D(
            "payee_tx_count_1d",
            FeatureGroup.PAYEE_RISK,
            "transactions of the receiving account of a transfer today (UTC), this one included"),
    PAYEE_TX_COUNT_7D(
            "payee_tx_count_7d",
            FeatureGroup.PAYEE_RISK,
            "transactions of the receiving account of a transfer in the last 7 days"),
    PAYEE_ACCOUNTS_7D(
            "payee_accounts_7d",
            FeatureGroup.PAYEE_RISK,
            "distinct paying accounts of the receiving account of a transfer in the last 7 days (exact up to 32)"),
    PAYEE_AGE_DAYS(
            "payee_age_days", FeatureGroup.PAYEE_RISK, "days since the receiving account of a transfer was first seen"),
    PAYEE_FRAUD_SHARE_1D(
            "payee_fraud_share_1d",
            FeatureGroup.PAYEE_RISK,
            "share of today's transactions of the receiving account of a transfer known as fraud when this one is decided"),
    PAYEE_FRAUD_SHARE_7D(
            "payee_fraud_share_7d",
            FeatureGroup.PAYEE_RISK,
            "share of the last 7 days' transactions of the receiving account of a transfer known as fraud when this one is decided"),
    PAYEE_FRAUD_SHARE_30D(
            "payee_fraud_share_30d",
            FeatureGroup.PAYEE_RISK,
            "share of the last 30 days' transactions of the receiving account of a transfer known as fraud when this one is decided"),
    PAYEE_KNOWN_FRAUDS_30D(
            "payee_known_frauds_30d",
            FeatureGroup.PAYEE_RISK,
            "transactions of the receiving account of a transfer in the last 30 days known as fraud when this one is decided"),
    PAYEE_FRAUD_ACCOUNTS_30D(
            "payee_fraud_accounts_30d",
            FeatureGroup.PAYEE_RISK,
            "distinct accounts with a transaction at the receiving account of a transfer in the last 30 days known as fraud (up to 16)"),
    PAYEE_FRAUD_SHARE_SETTLED_1D(
            "payee_fraud_share_settled_1d",
            FeatureGroup.PAYEE_RISK,
            "share known as fraud of transactions of the receiving account of a transfer on the day 7 days before this one's, when outcomes are mostly known"),
    PAYEE_FRAUD_SHARE_SETTLED_7D(
            "payee_fraud_share_settled_7d",
            FeatureGroup.PAYEE_RISK,
            "share known as fraud of transactions of the receiving account of a transfer in the 7 days that ended 7 days before this one's"),

    // The anomaly model's view, for the rules and the supervised model
    ANOMALY_SCORE(
            "anomaly_score",
            FeatureGroup.ANOMALY,
            "the anomaly model's score of this transaction, 0 to 1, above about 0.5 unusual; 0 without a model"),

    // Where a measure falls among the training window's transactions (PopulationProfile): written with anomaly_score
    AMOUNT_POPULATION_PCT("amount_population_pct", FeatureGroup.AMOUNT, population("amount")),
    TX_COUNT_1M_POPULATION_PCT("tx_count_1m_population_pct", FeatureGroup.VELOCITY, population("tx_count_1m")),
    TX_COUNT_5M_POPULATION_PCT("tx_count_5m_population_pct", FeatureGroup.VELOCITY, population("tx_count_5m")),
    TX_COUNT_1H_POPULATION_PCT("tx_count_1h_population_pct", FeatureGroup.VELOCITY, population("tx_count_1h")),
    TX_COUNT_24H_POPULATION_PCT("tx_count_24h_population_pct", FeatureGroup.VELOCITY, population("tx_count_24h")),
    IN_SUM_24H_POPULATION_PCT("in_sum_24h_population_pct", FeatureGroup.FAN_IN, population("in_sum_24h")),
    OUT_SUM_24H_POPULATION_PCT("out_sum_24h_population_pct", FeatureGroup.VELOCITY, population("out_sum_24h")),
    FAN_IN_24H_POPULATION_PCT("fan_in_24h_population_pct", FeatureGroup.FAN_IN, population("fan_in_24h")),
    FAN_OUT_24H_POPULATION_PCT("fan_out_24h_population_pct", FeatureGroup.FAN_OUT, population("fan_out_24h")),
    BALANCE_POPULATION_PCT("balance_population_pct", FeatureGroup.BALANCE, population("balance")),
    CP_FAN_IN_24H_POPULATION_PCT(
            "cp_fan_in_24h_population_pct",
            FeatureGroup.FAN_IN,
            population("cp_fan_in_24h, among transfers to an account")),
    CP_BALANCE_POPULATION_PCT(
            "cp_balance_population_pct",
            FeatureGroup.COUNTERPARTY,
            population("cp_balance, among transfers to an account"));

    /** The description of a measure's population percentile, the same sentence for each. */
    private static String population(String measure) {
        return "share of the anomaly model's training window, each account weighing once, whose " + measure
                + " was smaller than this one's, in steps of 0.01; 1 without a model, so that a fixed limit alone decides";
    }

    /** How many features there are; a feature vector is a {@code double[COUNT]} indexed by ordinal. */
    public static final int COUNT = values().length;

    private static final Map<String, Feature> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Feature::featureName, Function.identity()));

    private final String featureName;
    private final FeatureGroup group;
    private final String description;

    Feature(String featureName, FeatureGroup group, String description) {
        this.featureName = featureName;
        this.group = group;
        this.description = description;
    }

    /** The name rules and model files use, such as {@code tx_count_1m}. */
    public String featureName() {
        return featureName;
    }

    /** The behaviour it describes. */
    public FeatureGroup group() {
        return group;
    }

    /** What it measures. */
    public String description() {
        return description;
    }

    /** The feature a rule or model file names. */
    public static Optional<Feature> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
