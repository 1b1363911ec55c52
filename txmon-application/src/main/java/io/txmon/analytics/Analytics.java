package io.txmon.analytics;

import io.txmon.storage.Database;
import io.txmon.storage.StorageException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What analysts ask of the analytics: counts over time, spending, the riskiest, an account's recent behaviour. */
public final class Analytics {
    private final Database database;

    public Analytics(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Exact counts over {@code [from, to)} of event time, read from transactions and decisions themselves. */
    public ActivityCounts counts(Instant from, Instant to) {
        try {
            requireOrdered(from, to);
            String sql = "SELECT COUNT(*),"
                    + " COALESCE(SUM(CASE WHEN d.recommendation IN ('REVIEW', 'BLOCK') THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN d.recommendation = 'BLOCK' THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(t.amount), 0),"
                    + " COALESCE(SUM(CASE WHEN d.recommendation IN ('REVIEW', 'BLOCK') THEN t.amount END), 0)"
                    + " FROM transactions t LEFT JOIN decisions d ON d.sequence_number = t.sequence_number"
                    + " WHERE t.event_time >= ? AND t.event_time < ?";
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, UtcBuckets.offset(from));
                select.setObject(2, UtcBuckets.offset(to));
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return new ActivityCounts(
                            from, to, rs.getLong(1), rs.getLong(2), rs.getLong(3), money(rs, 4), money(rs, 5));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not count activity", e);
        }
    }

    /**
     * Each UTC day of {@code [from, to)}'s alerts against its decisions, oldest first, exact (from the transactions and
     * decisions themselves; one query a day, each on the event-time index), days without decisions left out.
     */
    public List<AlertRate> alertRates(Instant from, Instant to) {
        try {
            requireOrdered(from, to);
            String sql = "SELECT COUNT(*),"
                    + " COALESCE(SUM(CASE WHEN d.recommendation = 'REVIEW' THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN d.recommendation = 'BLOCK' THEN 1 ELSE 0 END), 0),"
                    + " MIN(d.review_threshold), MAX(d.review_threshold)"
                    + " FROM transactions t JOIN decisions d ON d.sequence_number = t.sequence_number"
                    + " WHERE t.event_time >= ? AND t.event_time < ?";
            List<AlertRate> days = new ArrayList<>();
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement(sql)) {
                for (Instant day = from.truncatedTo(ChronoUnit.DAYS);
                        day.isBefore(to);
                        day = day.plus(1, ChronoUnit.DAYS)) {
                    select.setObject(1, UtcBuckets.offset(day));
                    select.setObject(2, UtcBuckets.offset(day.plus(1, ChronoUnit.DAYS)));
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) {
                            days.add(new AlertRate(
                                    day,
                                    rs.getLong(1),
                                    rs.getLong(2),
                                    rs.getLong(3),
                                    rs.getBigDecimal(4),
                                    rs.getBigDecimal(5)));
                        }
                    }
                }
            }
            return days;
        } catch (SQLException e) {
            throw new StorageException("could not count the alerts per day", e);
        }
    }

    /**
     * Counts summed from the hourly table as of the last refresh: cheap over any range, at a resolution of one UTC
     * hour. It sums the hours that start in {@code [from, to)}, so the result covers {@code from} and {@code to}
     * rounded up to whole hours, which it reports as its range.
     */
    public ActivityCounts hourlyCounts(Instant from, Instant to) {
        try {
            requireOrdered(from, to);
            LocalDateTime first = ceilingHour(from);
            LocalDateTime end = ceilingHour(to);
            String sql = "SELECT COALESCE(SUM(tx_count), 0), COALESCE(SUM(anomaly_count), 0),"
                    + " COALESCE(SUM(block_count), 0), COALESCE(SUM(amount), 0), COALESCE(SUM(anomaly_amount), 0)"
                    + " FROM analytics_hourly WHERE hour_start >= ? AND hour_start < ?";
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement(sql)) {
                select.setObject(1, first);
                select.setObject(2, end);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return new ActivityCounts(
                            UtcBuckets.instant(first),
                            UtcBuckets.instant(end),
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            money(rs, 4),
                            money(rs, 5));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("could not count hourly activity", e);
        }
    }

    /**
     * Activity per UTC hour for the hours that start in {@code [from, to)}, oldest first, from the analytics
     * tables: hours without transactions are left out.
     */
    public List<ActivityCounts> hourly(Instant from, Instant to) {
        try {
            requireOrdered(from, to);
            List<ActivityCounts> hours = new ArrayList<>();
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement("SELECT hour_start, tx_count, anomaly_count,"
                            + " block_count, amount, anomaly_amount FROM analytics_hourly"
                            + " WHERE hour_start >= ? AND hour_start < ? ORDER BY hour_start")) {
                select.setObject(1, ceilingHour(from));
                select.setObject(2, ceilingHour(to));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        LocalDateTime hour = rs.getObject(1, LocalDateTime.class);
                        hours.add(new ActivityCounts(
                                UtcBuckets.instant(hour),
                                UtcBuckets.instant(hour.plusHours(1)),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                money(rs, 5),
                                money(rs, 6)));
                    }
                }
            }
            return hours;
        } catch (SQLException e) {
            throw new StorageException("could not read hourly activity", e);
        }
    }

    /** Spending of all accounts per UTC month, oldest first. */
    public List<Spending> monthlySpending() {
        try {
            return monthly(
                    "SELECT month_start, tx_count, account_count, amount FROM analytics_spending_monthly"
                            + " ORDER BY month_start",
                    null);
        } catch (SQLException e) {
            throw new StorageException("could not read monthly spending", e);
        }
    }

    /** One account's spending per UTC month, oldest first. */
    public List<Spending> monthlySpending(String userId) {
        try {
            return monthly(
                    "SELECT month_start, tx_count, 1, amount FROM analytics_account_spending_monthly"
                            + " WHERE user_id = ? ORDER BY month_start",
                    Objects.requireNonNull(userId, "userId"));
        } catch (SQLException e) {
            throw new StorageException("could not read monthly spending", e);
        }
    }

    /** Spending of all accounts per UTC year, oldest first. */
    public List<Spending> yearlySpending() {
        try {
            return yearly(
                    "SELECT spend_year, tx_count, account_count, amount FROM analytics_spending_yearly"
                            + " ORDER BY spend_year",
                    null);
        } catch (SQLException e) {
            throw new StorageException("could not read yearly spending", e);
        }
    }

    /** One account's spending per UTC year, oldest first. */
    public List<Spending> yearlySpending(String userId) {
        try {
            return yearly(
                    "SELECT spend_year, tx_count, 1, amount FROM analytics_account_spending_yearly"
                            + " WHERE user_id = ? ORDER BY spend_year",
                    Objects.requireNonNull(userId, "userId"));
        } catch (SQLException e) {
            throw new StorageException("could not read yearly spending", e);
        }
    }

    /**
     * The {@code limit} riskiest merchants, countries or accounts: most flagged first, then the higher average risk
     * score, then the larger amount, then by key so that ties read the same every time.
     */
    public List<RiskSummary> topRisky(RiskDimension dimension, int limit) {
        try {
            if (limit < 0) {
                throw new IllegalArgumentException("limit must not be negative: " + limit);
            }
            // Table and column come from the enum, never from input.
            String sql = "SELECT " + dimension.key + ", tx_count, flagged_count, blocked_count, avg_risk_score,"
                    + " max_risk_score, amount, last_seen FROM " + dimension.table
                    + " ORDER BY flagged_count DESC, avg_risk_score DESC NULLS LAST, amount DESC, " + dimension.key
                    + " LIMIT ?";
            List<RiskSummary> summaries = new ArrayList<>();
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement(sql)) {
                select.setInt(1, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        summaries.add(new RiskSummary(
                                rs.getString(1).trim(),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getBigDecimal(5),
                                rs.getBigDecimal(6),
                                money(rs, 7),
                                rs.getObject(8, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return summaries;
        } catch (SQLException e) {
            throw new StorageException("could not read the riskiest " + dimension, e);
        }
    }

    /** One account's five-minute buckets that start in {@code [from, to)}, oldest first; empty ones are absent. */
    public List<FiveMinuteFeatures> fiveMinuteFeatures(String userId, Instant from, Instant to) {
        try {
            Objects.requireNonNull(userId, "userId");
            requireOrdered(from, to);
            String sql = "SELECT bucket_start, tx_count, amount, max_amount, distinct_locations"
                    + " FROM analytics_account_5min WHERE user_id = ? AND bucket_start >= ? AND bucket_start < ?"
                    + " ORDER BY bucket_start";
            List<FiveMinuteFeatures> features = new ArrayList<>();
            try (Connection connection = database.connect();
                    PreparedStatement select = connection.prepareStatement(sql)) {
                select.setString(1, userId);
                select.setObject(2, UtcBuckets.utc(from));
                select.setObject(3, UtcBuckets.utc(to));
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        features.add(new FiveMinuteFeatures(
                                userId,
                                UtcBuckets.instant(rs.getObject(1, LocalDateTime.class)),
                                rs.getLong(2),
                                money(rs, 3),
                                money(rs, 4),
                                rs.getInt(5)));
                    }
                }
            }
            return features;
        } catch (SQLException e) {
            throw new StorageException("could not read the five-minute features of " + userId, e);
        }
    }

    private List<Spending> monthly(String sql, String userId) throws SQLException {
        List<Spending> spending = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (userId != null) {
                select.setString(1, userId);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    LocalDate month = rs.getObject(1, LocalDate.class);
                    spending.add(
                            new Spending(month.toString().substring(0, 7), rs.getLong(2), rs.getLong(3), money(rs, 4)));
                }
            }
        }
        return spending;
    }

    private List<Spending> yearly(String sql, String userId) throws SQLException {
        List<Spending> spending = new ArrayList<>();
        try (Connection connection = database.connect();
                PreparedStatement select = connection.prepareStatement(sql)) {
            if (userId != null) {
                select.setString(1, userId);
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    spending.add(
                            new Spending(Integer.toString(rs.getInt(1)), rs.getLong(2), rs.getLong(3), money(rs, 4)));
                }
            }
        }
        return spending;
    }

    /** Money keeps the six decimals of the schema on both engines, so equal sums compare equal as values. */
    private static BigDecimal money(ResultSet rs, int column) throws SQLException {
        return rs.getBigDecimal(column).setScale(6);
    }

    private static LocalDateTime ceilingHour(Instant instant) {
        LocalDateTime hour = UtcBuckets.hourOf(instant);
        return hour.equals(UtcBuckets.utc(instant)) ? hour : hour.plus(1, ChronoUnit.HOURS);
    }

    private static void requireOrdered(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range ends (" + to + ") before it starts (" + from + ")");
        }
    }
}
