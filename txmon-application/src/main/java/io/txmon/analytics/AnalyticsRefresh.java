package io.txmon.analytics;

import io.txmon.storage.Database;
import io.txmon.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * Brings the analytics tables up to date with transactions and decisions, in one database transaction.
 *
 * <p>Incremental: a refresh takes the transactions with a {@code sequence_number} above the watermark it keeps in
 * {@code analytics_refresh_state}, finds the earliest {@code event_time} among them, and recomputes from the source
 * tables every time bucket (hour, five minutes, month, year) from that one on, and every merchant, country and
 * account those transactions touch. Buckets and keys are recomputed rather than added to, so a refresh never counts
 * a row twice, whatever it saw before; and since the watermark is a sequence number rather than a time, a late
 * transaction with an old {@code event_time} still reaches its (older) buckets. Yearly and overall spending are
 * summed from the per-account monthly table, which is exact and reads no transaction twice.
 *
 * <p>It assumes, as ingestion does, that a transaction's decision is committed with it: a decision added later to a
 * transaction already refreshed reaches the analytics only through {@link #rebuild()}, which recomputes everything.
 */
public final class AnalyticsRefresh {
    private static final String UTC_TIME = "CAST(t.event_time AT TIME ZONE 'UTC' AS TIMESTAMP)";
    private static final String FLAGGED = "CASE WHEN d.recommendation IN ('REVIEW', 'BLOCK') THEN 1 ELSE 0 END";
    private static final String BLOCKED = "CASE WHEN d.recommendation = 'BLOCK' THEN 1 ELSE 0 END";
    private static final String OUTFLOW = "t.type IN ('CARD', 'TRANSFER', 'CASH_OUT')";

    /** New rows at least 1 / this of all rows: recompute every merchant, country and account. */
    private static final int WHOLE_TABLE_SHARE = 4;

    private static final List<String> TABLES = List.of(
            "analytics_hourly",
            "analytics_account_spending_monthly",
            "analytics_spending_monthly",
            "analytics_account_spending_yearly",
            "analytics_spending_yearly",
            "analytics_merchant_risk",
            "analytics_country_risk",
            "analytics_account_risk",
            "analytics_account_5min");

    private final Database database;
    private final Clock clock;

    public AnalyticsRefresh(Database database) {
        this(database, Clock.systemUTC());
    }

    public AnalyticsRefresh(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes in the transactions stored since the last refresh (all of them, the first time). */
    public RefreshResult refresh() {
        try {
            return inTransaction(false);
        } catch (SQLException e) {
            throw new StorageException("could not refresh the analytics", e);
        }
    }

    /** Empties every analytics table and computes it again from all transactions and decisions. */
    public RefreshResult rebuild() {
        try {
            return inTransaction(true);
        } catch (SQLException e) {
            throw new StorageException("could not rebuild the analytics", e);
        }
    }

    private RefreshResult inTransaction(boolean fromScratch) throws SQLException {
        try (Connection connection = database.connect()) {
            // One snapshot for every statement: all tables agree with each other and with the watermark.
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try {
                RefreshResult result = refresh(connection, fromScratch);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private RefreshResult refresh(Connection connection, boolean fromScratch) throws SQLException {
        Long watermark = lockWatermark(connection);
        if (fromScratch) {
            watermark = null;
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    statement.executeUpdate("DELETE FROM " + table);
                }
            }
        }
        long after = watermark == null ? Long.MIN_VALUE : watermark;
        long newTransactions;
        Instant since;
        Long last;
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COUNT(*), MIN(event_time), MAX(sequence_number) FROM transactions WHERE sequence_number > ?")) {
            select.setLong(1, after);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                newTransactions = rs.getLong(1);
                OffsetDateTime earliest = rs.getObject(2, OffsetDateTime.class);
                since = earliest == null ? null : earliest.toInstant();
                long max = rs.getLong(3);
                last = rs.wasNull() ? watermark : Long.valueOf(max);
            }
        }
        if (newTransactions > 0) {
            refreshHourly(connection, since);
            refreshFiveMinutes(connection, since);
            refreshSpending(connection, since);
            // When the new rows are a large share of all rows they touch most keys anyway, and recomputing every
            // key in one pass is far cheaper than finding the touched ones (H2 took 219 s for a first refresh of a
            // million transactions that way): the same numbers either way.
            boolean everyKey = newTransactions * WHOLE_TABLE_SHARE >= allTransactions(connection);
            refreshRisk(connection, "analytics_merchant_risk", "merchant_id", after, everyKey);
            refreshRisk(connection, "analytics_country_risk", "country", after, everyKey);
            refreshRisk(connection, "analytics_account_risk", "user_id", after, everyKey);
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE analytics_refresh_state SET last_sequence_number = ?, refreshed_at = ? WHERE id = 1")) {
            update.setObject(1, last);
            update.setObject(2, UtcBuckets.offset(clock.instant()));
            update.executeUpdate();
        }
        return new RefreshResult(newTransactions, last);
    }

    /** Also keeps two refreshes from running at once: the second waits for the first to commit. */
    private static Long lockWatermark(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT last_sequence_number FROM analytics_refresh_state WHERE id = 1 FOR UPDATE")) {
            if (!rs.next()) {
                throw new IllegalStateException("analytics_refresh_state has lost its row; migration V2 adds it");
            }
            long value = rs.getLong(1);
            return rs.wasNull() ? null : value;
        }
    }

    private static void refreshHourly(Connection connection, Instant since) throws SQLException {
        var hour = UtcBuckets.hourOf(since);
        execute(connection, "DELETE FROM analytics_hourly WHERE hour_start >= ?", hour);
        execute(
                connection,
                "INSERT INTO analytics_hourly"
                        + " (hour_start, tx_count, anomaly_count, block_count, amount, anomaly_amount)"
                        + " SELECT hour_start, COUNT(*), SUM(flagged), SUM(blocked), SUM(amount),"
                        + " COALESCE(SUM(CASE WHEN flagged = 1 THEN amount END), 0)"
                        + " FROM (SELECT date_trunc('hour', " + UTC_TIME + ") AS hour_start, t.amount,"
                        + " " + FLAGGED + " AS flagged, " + BLOCKED + " AS blocked"
                        + " FROM transactions t LEFT JOIN decisions d ON d.sequence_number = t.sequence_number"
                        + " WHERE t.event_time >= ?) s GROUP BY hour_start",
                UtcBuckets.offset(hour));
    }

    private static void refreshFiveMinutes(Connection connection, Instant since) throws SQLException {
        var bucket = UtcBuckets.fiveMinutesOf(since);
        execute(connection, "DELETE FROM analytics_account_5min WHERE bucket_start >= ?", bucket);
        execute(
                connection,
                "INSERT INTO analytics_account_5min"
                        + " (user_id, bucket_start, tx_count, amount, max_amount, distinct_locations)"
                        + " SELECT user_id, bucket_start, COUNT(*), SUM(amount), MAX(amount), COUNT(DISTINCT location)"
                        + " FROM (SELECT user_id, amount, location, date_trunc('hour', utc_time)"
                        + " + CAST(EXTRACT(MINUTE FROM utc_time) AS INTEGER) / 5 * INTERVAL '5' MINUTE AS bucket_start"
                        + " FROM (SELECT t.user_id, t.amount, t.location, " + UTC_TIME + " AS utc_time"
                        + " FROM transactions t WHERE t.event_time >= ?) a) b"
                        + " GROUP BY user_id, bucket_start",
                UtcBuckets.offset(bucket));
    }

    private static void refreshSpending(Connection connection, Instant since) throws SQLException {
        var month = UtcBuckets.monthOf(since);
        var yearStart = month.withMonth(1);
        execute(connection, "DELETE FROM analytics_account_spending_monthly WHERE month_start >= ?", month);
        execute(
                connection,
                "INSERT INTO analytics_account_spending_monthly (user_id, month_start, tx_count, amount)"
                        + " SELECT user_id, month_start, COUNT(*), SUM(amount)"
                        + " FROM (SELECT t.user_id, t.amount,"
                        + " CAST(date_trunc('month', " + UTC_TIME + ") AS DATE) AS month_start"
                        + " FROM transactions t WHERE t.event_time >= ? AND " + OUTFLOW + ") s"
                        + " GROUP BY user_id, month_start",
                UtcBuckets.offset(month.atStartOfDay()));
        execute(connection, "DELETE FROM analytics_spending_monthly WHERE month_start >= ?", month);
        execute(
                connection,
                "INSERT INTO analytics_spending_monthly (month_start, tx_count, account_count, amount)"
                        + " SELECT month_start, SUM(tx_count), COUNT(*), SUM(amount)"
                        + " FROM analytics_account_spending_monthly WHERE month_start >= ? GROUP BY month_start",
                month);
        execute(connection, "DELETE FROM analytics_account_spending_yearly WHERE spend_year >= ?", yearStart.getYear());
        execute(
                connection,
                "INSERT INTO analytics_account_spending_yearly (user_id, spend_year, tx_count, amount)"
                        + " SELECT user_id, spend_year, SUM(tx_count), SUM(amount)"
                        + " FROM (SELECT user_id, CAST(EXTRACT(YEAR FROM month_start) AS INTEGER) AS spend_year,"
                        + " tx_count, amount FROM analytics_account_spending_monthly WHERE month_start >= ?) s"
                        + " GROUP BY user_id, spend_year",
                yearStart);
        execute(connection, "DELETE FROM analytics_spending_yearly WHERE spend_year >= ?", yearStart.getYear());
        execute(
                connection,
                "INSERT INTO analytics_spending_yearly (spend_year, tx_count, account_count, amount)"
                        + " SELECT spend_year, SUM(tx_count), COUNT(*), SUM(amount)"
                        + " FROM analytics_account_spending_yearly WHERE spend_year >= ? GROUP BY spend_year",
                yearStart.getYear());
    }

    /**
     * Recomputes the rows of the keys that transactions after {@code after} touch, or of every key. Table and key
     * are this class's constants, never input; the watermark is a parameter.
     */
    private static void refreshRisk(Connection connection, String table, String key, long after, boolean everyKey)
            throws SQLException {
        String touched = "(SELECT n." + key + " FROM transactions n WHERE n.sequence_number > ?)";
        String summary = "INSERT INTO " + table + " (" + key + ", tx_count, flagged_count, blocked_count,"
                + " avg_risk_score, max_risk_score, amount, last_seen)"
                + " SELECT t." + key + ", COUNT(*), SUM(" + FLAGGED + "), SUM(" + BLOCKED + "),"
                + " CAST(AVG(d.risk_score) AS NUMERIC(7, 6)), MAX(d.risk_score), SUM(t.amount),"
                + " MAX(t.event_time)"
                + " FROM transactions t LEFT JOIN decisions d ON d.sequence_number = t.sequence_number";
        if (everyKey) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM " + table);
                statement.executeUpdate(summary + " WHERE t." + key + " IS NOT NULL GROUP BY t." + key);
            }
            return;
        }
        execute(connection, "DELETE FROM " + table + " WHERE " + key + " IN " + touched, after);
        execute(connection, summary + " WHERE t." + key + " IN " + touched + " GROUP BY t." + key, after);
    }

    private static long allTransactions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM transactions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            statement.executeUpdate();
        }
    }
}
