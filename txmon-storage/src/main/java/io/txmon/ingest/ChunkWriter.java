package io.txmon.ingest;

import io.txmon.scoring.Decision;
import io.txmon.scoring.ModelOpinion;
import io.txmon.scoring.Recommendation;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a scored chunk, in batches on the caller's database transaction: the transactions, their decisions,
 * alerts for REVIEW and BLOCK, and each paying account's risk score.
 */
final class ChunkWriter {
    private static final String INSERT_TRANSACTION = "INSERT INTO transactions (transaction_id, event_time, user_id,"
            + " amount, currency, type, counterparty_id, merchant_id, merchant_type, location, country, channel,"
            + " device_id, sequence_number, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_DECISION = "INSERT INTO decisions (transaction_id, risk_score, risk_level,"
            + " recommendation, reason_codes, rule_set_version, model_version, anomaly_score, decided_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_ALERT = "INSERT INTO alerts (transaction_id, user_id, status, created_at,"
            + " updated_at) VALUES (?, ?, 'OPEN', ?, ?)";
    private static final String MERGE_RISK = "MERGE INTO accounts USING (VALUES (CAST(? AS VARCHAR(64)),"
            + " CAST(? AS NUMERIC(5, 4)), CAST(? AS TIMESTAMP WITH TIME ZONE))) AS v (user_id, risk_score, risk_updated_at)"
            + " ON accounts.user_id = v.user_id"
            + " WHEN MATCHED THEN UPDATE SET risk_score = v.risk_score, risk_updated_at = v.risk_updated_at"
            + " WHEN NOT MATCHED THEN INSERT (user_id, risk_score, risk_updated_at)"
            + " VALUES (v.user_id, v.risk_score, v.risk_updated_at)";

    private ChunkWriter() {}

    /** Writes the chunk and returns how many alerts it opened. */
    static long write(Connection connection, List<Scored> chunk, long runId, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_TRANSACTION)) {
            for (Scored scored : chunk) {
                bindTransaction(insert, scored, runId);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_DECISION)) {
            for (Scored scored : chunk) {
                bindDecision(insert, scored.decision(), now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        long alerts = 0;
        try (PreparedStatement insert = connection.prepareStatement(INSERT_ALERT)) {
            for (Scored scored : chunk) {
                if (scored.decision().recommendation() != Recommendation.APPROVE) {
                    insert.setString(1, scored.transaction().transactionId());
                    insert.setString(2, scored.transaction().userId());
                    Sql.setInstant(insert, 3, now);
                    Sql.setInstant(insert, 4, now);
                    insert.addBatch();
                    alerts++;
                }
            }
            insert.executeBatch();
        }
        // An account's risk is that of its latest decision; one row per account keeps the batch small.
        Map<String, Decision> latest = new LinkedHashMap<>();
        for (Scored scored : chunk) {
            latest.put(scored.transaction().userId(), scored.decision());
        }
        try (PreparedStatement merge = connection.prepareStatement(MERGE_RISK)) {
            for (Map.Entry<String, Decision> entry : latest.entrySet()) {
                merge.setString(1, entry.getKey());
                merge.setBigDecimal(2, riskScore(entry.getValue()));
                Sql.setInstant(merge, 3, now);
                merge.addBatch();
            }
            merge.executeBatch();
        }
        return alerts;
    }

    /** The risk score as stored: four decimals, rounded half up. */
    static BigDecimal riskScore(Decision decision) {
        return BigDecimal.valueOf(decision.riskScore()).setScale(4, RoundingMode.HALF_UP);
    }

    /** The ids among {@code ids} that are stored already. */
    static Set<String> stored(Connection connection, Set<String> ids) throws SQLException {
        Set<String> stored = new HashSet<>();
        for (List<String> group : Sql.groups(ids)) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT transaction_id FROM transactions WHERE transaction_id IN " + Sql.markers(group.size()))) {
                for (int i = 0; i < group.size(); i++) {
                    select.setString(i + 1, group.get(i));
                }
                try (var rs = select.executeQuery()) {
                    while (rs.next()) {
                        stored.add(rs.getString(1));
                    }
                }
            }
        }
        return stored;
    }

    private static void bindTransaction(PreparedStatement insert, Scored scored, long runId) throws SQLException {
        Transaction tx = scored.transaction();
        insert.setString(1, tx.transactionId());
        Sql.setInstant(insert, 2, tx.timestamp());
        insert.setString(3, tx.userId());
        insert.setBigDecimal(4, tx.amount());
        insert.setString(5, tx.currency().getCurrencyCode());
        insert.setString(6, tx.type().name());
        Sql.setNullableString(insert, 7, tx.counterpartyId());
        Sql.setNullableString(insert, 8, tx.merchantId());
        Sql.setNullableString(insert, 9, tx.merchantType());
        Sql.setNullableString(insert, 10, tx.location());
        Sql.setNullableString(insert, 11, tx.country());
        Sql.setNullableString(
                insert, 12, tx.channel() == null ? null : tx.channel().name());
        Sql.setNullableString(insert, 13, tx.deviceId());
        insert.setLong(14, scored.sequenceNumber());
        insert.setLong(15, runId);
    }

    private static void bindDecision(PreparedStatement insert, Decision decision, Instant now) throws SQLException {
        insert.setString(1, decision.transactionId());
        insert.setBigDecimal(2, riskScore(decision));
        insert.setString(3, decision.riskLevel().name());
        insert.setString(4, decision.recommendation().name());
        insert.setString(5, String.join(";", decision.reasonCodes()));
        insert.setString(6, decision.ruleSetVersion());
        ModelOpinion model = decision.model().orElse(null);
        Sql.setNullableString(insert, 7, model == null ? null : model.modelVersion());
        if (model == null) {
            insert.setNull(8, Types.DOUBLE);
        } else {
            insert.setDouble(8, model.anomalyScore());
        }
        Sql.setInstant(insert, 9, now);
    }
}
