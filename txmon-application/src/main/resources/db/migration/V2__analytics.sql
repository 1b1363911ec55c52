-- Analytics: tables (not materialized views, which H2 lacks) that AnalyticsRefresh fills from transactions and
-- decisions after each run. Buckets are UTC wall-clock TIMESTAMPs (no time zone), so an hour or a month means the
-- same on both engines whatever the session's zone. Sums are NUMERIC(30, 6): exact, with room for many
-- NUMERIC(21, 6) amounts. Spending means outflows: CARD, TRANSFER and CASH_OUT. An anomaly is a decision
-- of REVIEW or BLOCK.

-- Per UTC hour: how many transactions, anomalies and blocks, and their amounts. Any range of whole hours is a SUM.
CREATE TABLE analytics_hourly (
    hour_start      TIMESTAMP PRIMARY KEY,
    tx_count        BIGINT NOT NULL,
    anomaly_count   BIGINT NOT NULL,
    block_count     BIGINT NOT NULL,
    amount          NUMERIC(30, 6) NOT NULL,
    anomaly_amount  NUMERIC(30, 6) NOT NULL
);

-- Spending per account and UTC calendar month (month_start is its first day).
CREATE TABLE analytics_account_spending_monthly (
    user_id         VARCHAR(64) NOT NULL,
    month_start     DATE NOT NULL,
    tx_count        BIGINT NOT NULL,
    amount          NUMERIC(30, 6) NOT NULL,
    PRIMARY KEY (user_id, month_start)
);

-- Spending of all accounts per UTC calendar month.
CREATE TABLE analytics_spending_monthly (
    month_start     DATE PRIMARY KEY,
    tx_count        BIGINT NOT NULL,
    account_count   BIGINT NOT NULL,
    amount          NUMERIC(30, 6) NOT NULL
);

-- Spending per account and UTC calendar year.
CREATE TABLE analytics_account_spending_yearly (
    user_id         VARCHAR(64) NOT NULL,
    spend_year      INTEGER NOT NULL,
    tx_count        BIGINT NOT NULL,
    amount          NUMERIC(30, 6) NOT NULL,
    PRIMARY KEY (user_id, spend_year)
);

-- Spending of all accounts per UTC calendar year.
CREATE TABLE analytics_spending_yearly (
    spend_year      INTEGER PRIMARY KEY,
    tx_count        BIGINT NOT NULL,
    account_count   BIGINT NOT NULL,
    amount          NUMERIC(30, 6) NOT NULL
);

-- Risk of all time per merchant, country and account: flagged = REVIEW or BLOCK; scores of decided transactions.
CREATE TABLE analytics_merchant_risk (
    merchant_id     VARCHAR(64) PRIMARY KEY,
    tx_count        BIGINT NOT NULL,
    flagged_count   BIGINT NOT NULL,
    blocked_count   BIGINT NOT NULL,
    avg_risk_score  NUMERIC(7, 6),
    max_risk_score  NUMERIC(5, 4),
    amount          NUMERIC(30, 6) NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE analytics_country_risk (
    country         CHAR(2) PRIMARY KEY,
    tx_count        BIGINT NOT NULL,
    flagged_count   BIGINT NOT NULL,
    blocked_count   BIGINT NOT NULL,
    avg_risk_score  NUMERIC(7, 6),
    max_risk_score  NUMERIC(5, 4),
    amount          NUMERIC(30, 6) NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE analytics_account_risk (
    user_id         VARCHAR(64) PRIMARY KEY,
    tx_count        BIGINT NOT NULL,
    flagged_count   BIGINT NOT NULL,
    blocked_count   BIGINT NOT NULL,
    avg_risk_score  NUMERIC(7, 6),
    max_risk_score  NUMERIC(5, 4),
    amount          NUMERIC(30, 6) NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Per account and UTC five-minute bucket (:00, :05, ...): all its transactions, whatever their type.
CREATE TABLE analytics_account_5min (
    user_id             VARCHAR(64) NOT NULL,
    bucket_start        TIMESTAMP NOT NULL,
    tx_count            BIGINT NOT NULL,
    amount              NUMERIC(30, 6) NOT NULL,
    max_amount          NUMERIC(21, 6) NOT NULL,
    distinct_locations  INTEGER NOT NULL,
    PRIMARY KEY (user_id, bucket_start)
);

-- How far the analytics have come: transactions up to this sequence_number are in them. One row, locked by a refresh.
CREATE TABLE analytics_refresh_state (
    id                    INTEGER PRIMARY KEY,
    last_sequence_number  BIGINT,
    refreshed_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT analytics_refresh_state_single CHECK (id = 1)
);
INSERT INTO analytics_refresh_state (id, last_sequence_number, refreshed_at) VALUES (1, NULL, NULL);
