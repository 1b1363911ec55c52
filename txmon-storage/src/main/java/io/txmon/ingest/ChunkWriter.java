package io.txmon.ingest;

import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.Recommendation;
import io.txmon.storage.DatabaseEngine;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes a scored chunk in bulk on the caller's database transaction: the transactions, their decisions and
 * an OPEN alert for each REVIEW and BLOCK.
 */
final class ChunkWriter {
    private static final List<String> TRANSACTION_COLUMNS = List.of(
            "transaction_id",
            "event_time",
            "user_id",
            "amount",
            "currency",
            "type",
            "counterparty_id",
            "merchant_id",
            "merchant_type",
            "location",
            "country",
            "channel",
            "device_id",
            "sequence_number",
            "run_id");
    private static final List<String> DECISION_COLUMNS = List.of(
            "sequence_number",
            "risk_score",
            "risk_level",
            "recommendation",
            "reason_codes",
            "rule_set_version",
            "model_version",
            "anomaly_score",
            "decided_at");
    private static final List<String> ALERT_COLUMNS =
            List.of("sequence_number", "user_id", "status", "created_at", "updated_at");

    private final BulkWriter bulk;

    ChunkWriter(BulkWriter bulk) {
        this.bulk = bulk;
    }

    /** Writes the chunk; the caller commits. */
    void write(Connection connection, List<Scored> chunk, long runId, Instant now) throws SQLException {
        List<Object[]> transactions = new ArrayList<>(chunk.size());
        List<Object[]> decisions = new ArrayList<>(chunk.size());
        List<Object[]> alerts = new ArrayList<>();
        for (Scored scored : chunk) {
            transactions.add(transactionRow(scored, runId));
            decisions.add(decisionRow(scored, now));
            if (opensAlert(scored.decision())) {
                alerts.add(new Object[] {
                    scored.sequenceNumber(), scored.transaction().userId(), "OPEN", now, now
                });
            }
        }
        bulk.insert(connection, "transactions", TRANSACTION_COLUMNS, transactions);
        bulk.insert(connection, "decisions", DECISION_COLUMNS, decisions);
        bulk.insert(connection, "alerts", ALERT_COLUMNS, alerts);
    }

    static boolean opensAlert(Decision decision) {
        return decision.recommendation() != Recommendation.APPROVE;
    }

    /** The risk score as stored: four decimals, rounded half up. */
    static BigDecimal riskScore(Decision decision) {
        return BigDecimal.valueOf(decision.riskScore()).setScale(4, RoundingMode.HALF_UP);
    }

    /** The ids among {@code ids} that are stored already. */
    static Set<String> stored(Connection connection, DatabaseEngine engine, Set<String> ids) throws SQLException {
        return engine == DatabaseEngine.POSTGRESQL ? storedInPostgres(connection, ids) : storedInH2(connection, ids);
    }

    /**
     * One query with an array. The table grows during a run faster than PostgreSQL's statistics follow, and a
     * plan made when it looked empty scans it whole for every chunk (measured: 159 of 184 s for 100,000
     * transactions); the primary key's index is always the right plan here, so the query asks for it.
     */
    private static Set<String> storedInPostgres(Connection connection, Set<String> ids) throws SQLException {
        Set<String> stored = new HashSet<>();
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_seqscan = off");
        }
        try (PreparedStatement select =
                connection.prepareStatement("SELECT transaction_id FROM transactions WHERE transaction_id = ANY (?)")) {
            select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL enable_seqscan = on");
        }
        return stored;
    }

    private static Set<String> storedInH2(Connection connection, Set<String> ids) throws SQLException {
        Set<String> stored = new HashSet<>();
        for (List<String> group : Sql.groups(ids)) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT transaction_id FROM transactions WHERE transaction_id IN " + Sql.markers(group.size()))) {
                for (int i = 0; i < group.size(); i++) {
                    select.setString(i + 1, group.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
        }
        return stored;
    }

    private static Object[] transactionRow(Scored scored, long runId) {
        Transaction tx = scored.transaction();
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
            scored.sequenceNumber(),
            runId
        };
    }

    private static Object[] decisionRow(Scored scored, Instant now) {
        Decision decision = scored.decision();
        ModelOpinion model = decision.model().orElse(null);
        return new Object[] {
            scored.sequenceNumber(),
            riskScore(decision),
            decision.riskLevel().name(),
            decision.recommendation().name(),
            String.join(";", decision.reasonCodes()),
            decision.ruleSetVersion(),
            model == null ? null : model.modelVersion(),
            model == null ? null : model.anomalyScore(),
            now
        };
    }
}
