package io.txmon.analytics;

/** What a risk summary is kept per, with the table and column that hold it. */
public enum RiskDimension {
    MERCHANT("analytics_merchant_risk", "merchant_id"),
    COUNTRY("analytics_country_risk", "country"),
    ACCOUNT("analytics_account_risk", "user_id");

    final String table;
    final String key;

    RiskDimension(String table, String key) {
        this.table = table;
        this.key = key;
    }
}
