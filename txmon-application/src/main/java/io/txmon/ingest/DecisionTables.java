package io.txmon.ingest;

import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.StoredDecision;
import io.txmon.storage.DatabaseEngine;
import io.txmon.storage.StorageException;
import io.txmon.storage.StoredHistory;
import io.txmon.transaction.Transaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The decision log's tables, both ways: the sink that writes a batch in bulk on one connection's current transaction
 * (the transactions, their decisions and an OPEN alert for each REVIEW and BLOCK), and the one lookup of decisions
 * stored before, by which every door recognises a duplicate.
 */
final class DecisionTables implements DecisionSink {
    /** What {@code StoredHistory} reads back, then how the row is ordered and which run stored it. */
    private static final List<String> TRANSACTION_COLUMNS = Stream.concat(
                    StoredHistory.TRANSACTION_COLUMNS.stream(), Stream.of("sequence_number", "run_id"))
            .toList();

    private static final List<String> ALERT_COLUMNS =
            List.of("sequence_number", "user_id", "status", "created_at", "updated_at");

    private final BulkWriter bulk;
    private final Connection connection;

    /** Writes on {@code connection}, whose owner commits. */
    DecisionTables(BulkWriter bulk, Connection connection) {
        this.bulk = bulk;
        this.connection = connection;
    }

    @Override
    public void write(List<Scored> batch, long runId, Instant decidedAt) {
        List<Row> rows = new ArrayList<>(batch.size());
        for (Scored scored : batch) {
            rows.add(new Row(scored.transaction(), scored.stored()));
        }
        writeRows(rows, runId, decidedAt);
    }

    /** A transaction with its decision as stored, sequence number given. */
    record Row(Transaction transaction, StoredDecision decision) {}

    /**
     * Writes {@code rows} as {@link #write} does: what a door that decided elsewhere ({@link ExternalDecisions})
     * shares with the decision log, so that both store the same rows.
     */
    void writeRows(List<Row> rows, long runId, Instant decidedAt) {
        List<Object[]> transactions = new ArrayList<>(rows.size());
        List<Object[]> decisions = new ArrayList<>(rows.size());
        List<Object[]> alerts = new ArrayList<>();
        for (Row row : rows) {
            StoredDecision decision = row.decision();
            transactions.add(transactionRow(row.transaction(), decision.sequenceNumber(), runId));
            decisions.add(DecisionColumns.row(decision, decidedAt));
            if (decision.opensAlert()) {
                alerts.add(new Object[] {
                    decision.sequenceNumber(), row.transaction().userId(), "OPEN", decidedAt, decidedAt
                });
            }
        }
        try {
            bulk.insert(connection, "transactions", TRANSACTION_COLUMNS, transactions);
            bulk.insert(connection, "decisions", DecisionColumns.INSERTED, decisions);
            bulk.insert(connection, "alerts", ALERT_COLUMNS, alerts);
        } catch (SQLException e) {
            throw new StorageException("storing " + rows.size() + " decided transactions failed: " + e.getMessage(), e);
        }
    }

    /** The decisions among {@code ids} stored before, by transaction id; the caller commits. */
    static Map<String, StoredDecision> stored(Connection connection, DatabaseEngine engine, Collection<String> ids)
            throws SQLException {
        Map<String, StoredDecision> stored = new HashMap<>();
        if (ids.isEmpty()) {
            return stored;
        }
        if (engine == DatabaseEngine.POSTGRESQL) {
            storedInPostgres(connection, ids, stored);
        } else {
            storedInH2(connection, ids, stored);
        }
        return stored;
    }

    /**
     * One query with an array. The table grows during a run faster than PostgreSQL's statistics follow, and a
     * plan made when it looked empty scans it whole for every chunk (measured: 159 of 184 s for 100,000
     * transactions); the primary key's index is always the right plan here, so the query asks for it.
     */
    private static void storedInPostgres(
            Connection connection, Collection<String> ids, Map<String, StoredDecision> into) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_seqscan = off");
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT " + DecisionColumns.SELECTED + " FROM "
                + DecisionColumns.JOIN + " WHERE t.transaction_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            read(select, into);
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_seqscan = on");
        }
    }

    private static void storedInH2(Connection connection, Collection<String> ids, Map<String, StoredDecision> into)
            throws SQLException {
        for (List<String> group : Sql.groups(ids)) {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + DecisionColumns.SELECTED + " FROM "
                    + DecisionColumns.JOIN + " WHERE t.transaction_id IN " + Sql.markers(group.size()))) {
                for (int i = 0; i < group.size(); i++) {
                    select.setString(i + 1, group.get(i));
                }
                read(select, into);
            }
        }
    }

    /**
     * Hands {@code each} the event time and risk score of every decision stored under {@code ruleSetVersion}, {@code
     * modelVersion} (none: rules alone) and {@code supervisedModelVersion} (none: no supervised model) on a
     * transaction at or after {@code from}, in stored order: what primes an alert budget's line ({@code ReviewLine})
     * when a door opens on a database that already holds decisions. Each version puts scores on a scale of its own,
     * so another's would draw the wrong line.
     */
    static void scoresSince(
            Connection connection,
            String ruleSetVersion,
            Optional<String> modelVersion,
            Optional<String> supervisedModelVersion,
            Instant from,
            BiConsumer<Instant, Double> each)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT t.event_time, d.risk_score FROM "
                + DecisionColumns.JOIN + " WHERE t.event_time >= ? AND d.rule_set_version = ? AND "
                + (modelVersion.isPresent() ? "d.model_version = ?" : "d.model_version IS NULL") + " AND "
                + (supervisedModelVersion.isPresent()
                        ? "d.supervised_model_version = ?"
                        : "d.supervised_model_version IS NULL")
                + " ORDER BY t.sequence_number")) {
            select.setFetchSize(10_000);
            int index = 1;
            select.setTimestamp(index++, Timestamp.from(from));
            select.setString(index++, ruleSetVersion);
            if (modelVersion.isPresent()) {
                select.setString(index++, modelVersion.get());
            }
            if (supervisedModelVersion.isPresent()) {
                select.setString(index, supervisedModelVersion.get());
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs.getTimestamp(1).toInstant(), rs.getDouble(2));
                }
            }
        }
    }

    /** The latest event time among the stored transactions, empty when none is stored. */
    static Optional<Instant> latestEventTime(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT MAX(event_time) FROM transactions");
                ResultSet rs = select.executeQuery()) {
            rs.next();
            Timestamp latest = rs.getTimestamp(1);
            return latest == null ? Optional.empty() : Optional.of(latest.toInstant());
        }
    }

    private static void read(PreparedStatement select, Map<String, StoredDecision> into) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                StoredDecision decision = DecisionColumns.read(rs, 1);
                into.put(decision.transactionId(), decision);
            }
        }
    }

    private static Object[] transactionRow(Transaction tx, long sequenceNumber, long runId) {
        return new Object[] {
            tx.transactionId(),
            tx.timestamp(),
            tx.userId(),
            tx.amount(),
            tx.currency().getCurrencyCode(),
            tx.type().name(),
            tx.counterpartyId(),
            tx.merchantId(),
            tx.merchantType(),
            tx.location(),
            tx.country(),
            tx.channel() == null ? null : tx.channel().name(),
            tx.deviceId(),
            sequenceNumber,
            runId
        };
    }
}
