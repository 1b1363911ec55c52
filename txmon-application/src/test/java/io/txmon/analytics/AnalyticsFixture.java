package io.txmon.analytics;

import io.txmon.storage.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Hand-made rows, inserted with plain SQL. The first batch (sequence 1 to 7) and the second (8 and 9: a new account
 * and a late transaction in an hour already refreshed) are what AnalyticsIT's numbers are worked out from.
 */
final class AnalyticsFixture {
    private final Database database;
    private long run;
    private long sequence;

    /** {@code sequence}: the last sequence number already stored. */
    AnalyticsFixture(Database database, long sequence) {
        this.database = database;
        this.sequence = sequence;
    }

    void insertFirstBatch() throws SQLException {
        try (Connection c = database.connect()) {
            run = insertRun(c);
            insert(c, "t1", "2025-12-31T23:58:00Z", "u1", "10.50", "CARD", "m1", "DE", "Berlin", "APPROVE", "0.1000");
            insert(c, "t2", "2026-01-01T00:01:00Z", "u1", "20.25", "CARD", "m1", "DE", "Berlin", "REVIEW", "0.6000");
            insert(
                    c,
                    "t3",
                    "2026-01-01T00:03:00Z",
                    "u1",
                    "100.00",
                    "TRANSFER",
                    null,
                    "DE",
                    "Munich",
                    "BLOCK",
                    "0.9000");
            insert(
                    c,
                    "t4",
                    "2026-01-01T00:04:59Z",
                    "u1",
                    "500.00",
                    "CASH_IN",
                    null,
                    "DE",
                    "Berlin",
                    "APPROVE",
                    "0.0500");
            insert(c, "t5", "2026-01-01T00:30:00Z", "u2", "5.01", "CARD", "m2", "FR", "Paris", "REVIEW", "0.7000");
            insert(
                    c,
                    "t6",
                    "2026-01-01T01:15:00Z",
                    "u2",
                    "40.00",
                    "CASH_OUT",
                    null,
                    "FR",
                    "Paris",
                    "APPROVE",
                    "0.2000");
            insert(c, "t7", "2026-02-10T12:00:00Z", "u2", "7.99", "CARD", "m2", "FR", "Lyon", null, null);
        }
    }

    void insertSecondBatch() throws SQLException {
        try (Connection c = database.connect()) {
            run = insertRun(c);
            insert(c, "t8", "2026-01-01T00:10:00Z", "u3", "2.50", "CARD", "m3", "FR", "Paris", "BLOCK", "0.9500");
            insert(c, "t9", "2025-12-31T23:59:00Z", "u1", "0.49", "CARD", "m1", "DE", "Berlin", "APPROVE", "0.0000");
        }
    }

    private static long insertRun(Connection c) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO ingestion_runs (source, started_at, status) VALUES ('test', ?, 'RUNNING')",
                new String[] {"run_id"})) {
            insert.setObject(1, Instant.parse("2026-03-01T00:00:00Z").atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A transaction and, unless {@code recommendation} is null, its decision. */
    private void insert(
            Connection c,
            String id,
            String time,
            String user,
            String amount,
            String type,
            String merchant,
            String country,
            String location,
            String recommendation,
            String score)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO transactions (transaction_id, event_time,"
                + " user_id, amount, currency, type, merchant_id, country, location, sequence_number, run_id)"
                + " VALUES (?, ?, ?, ?, 'GBP', ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setObject(2, Instant.parse(time).atOffset(ZoneOffset.UTC));
            insert.setString(3, user);
            insert.setBigDecimal(4, new BigDecimal(amount));
            insert.setString(5, type);
            insert.setString(6, merchant);
            insert.setString(7, country);
            insert.setString(8, location);
            insert.setLong(9, ++sequence);
            insert.setLong(10, run);
            insert.executeUpdate();
        }
        if (recommendation == null) {
            return;
        }
        BigDecimal risk = new BigDecimal(score);
        String level = risk.compareTo(new BigDecimal("0.8")) >= 0
                ? "HIGH"
                : risk.compareTo(new BigDecimal("0.5")) >= 0 ? "MEDIUM" : "LOW";
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO decisions (sequence_number, risk_score,"
                + " risk_level, recommendation, reason_codes, rule_set_version, decided_at)"
                + " VALUES (?, ?, ?, ?, '', 'test', ?)")) {
            insert.setLong(1, sequence);
            insert.setBigDecimal(2, risk);
            insert.setString(3, level);
            insert.setString(4, recommendation);
            insert.setObject(5, Instant.parse(time).atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }
}
