package io.txmon.features;

/**
 * The behaviour a feature describes. The anomaly model explains itself per group, so each group carries
 * the reason code it reports under.
 */
public enum FeatureGroup {
    TRANSACTION("ML_TRANSACTION_PROFILE", "the kind of transaction is unusual"),
    AMOUNT("ML_AMOUNT_DEVIATION", "the amount is unusual for the account or its merchant category"),
    VELOCITY("ML_VELOCITY", "the account is transacting unusually often or much"),
    LOCATION("ML_LOCATION", "the account is used from unusual or several places"),
    DEVICE("ML_NEW_DEVICE", "the account is used from a device it has not used before"),
    TIME("ML_UNUSUAL_HOUR", "the time of day is unusual for the account"),
    CARD_TESTING("ML_CARD_TESTING", "a burst of very small amounts, as when stolen cards are tested"),
    FAN_IN("ML_FAN_IN", "many senders paying into one account"),
    FAN_OUT("ML_FAN_OUT", "one account paying out to many receivers"),
    PASS_THROUGH("ML_PASS_THROUGH", "money received is sent on quickly"),
    STRUCTURING("ML_STRUCTURING", "deposits kept just under the reporting threshold"),
    DORMANCY("ML_DORMANCY", "a long-dormant account is active again"),
    ACCOUNT_AGE("ML_NEW_ACCOUNT", "the account is new"),
    BALANCE("ML_BALANCE", "the balance is unusual"),
    COUNTERPARTY("ML_COUNTERPARTY", "the receiving account behaves unusually"),
    ROUND_TRIP("ML_ROUND_TRIP", "money returns to an account that sent a similar amount out"),
    KNOWN_FRAUD("ML_KNOWN_FRAUD", "the account's recent transactions include ones known as fraud"),
    MERCHANT_RISK("ML_MERCHANT_RISK", "the merchant or terminal has known fraud or unusual traffic"),
    DEVICE_RISK("ML_DEVICE_RISK", "the device is shared by many accounts or has known fraud"),
    PAYEE_RISK("ML_PAYEE_RISK", "the receiving account collects from many accounts or has known fraud"),
    ANOMALY("ML_ANOMALY", "the anomaly model finds the transaction unusual");

    private final String reasonCode;
    private final String description;

    FeatureGroup(String reasonCode, String description) {
        this.reasonCode = reasonCode;
        this.description = description;
    }

    /** The model reason code this group is reported under, such as {@code ML_AMOUNT_DEVIATION}. */
    public String reasonCode() {
        return reasonCode;
    }

    /**
     * The supervised model's reason code for this group: the anomaly model's with {@code SL_} (supervised learning)
     * for {@code ML_}, such as {@code SL_MERCHANT_RISK}, so that precision per reason code tells the two apart.
     */
    public String supervisedReasonCode() {
        return "SL_" + reasonCode.substring("ML_".length());
    }

    /** What the group's reason code tells an analyst. */
    public String description() {
        return description;
    }
}
