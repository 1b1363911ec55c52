package io.txmon.ingest;

import io.txmon.decisions.DecisionColumns;
import io.txmon.decisions.ReasonCodes;
import io.txmon.scoring.Decision;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The {@code shadow_decisions} table for the decision log: the challenger's decisions of a batch, written on the
 * connection and in the transaction that stores the champion's, and the scores that prime a resumed challenger's line.
 */
final class ShadowTables {
    private static final List<String> COLUMNS = List.of(
            "challenger_id", "sequence_number", "risk_score", "recommendation", "reason_codes", "review_threshold");

    private ShadowTables() {}

    /** Writes the challenger decisions in {@code batch}, if any, as part of the transaction open on {@code connection}. */
    static void write(BulkWriter bulk, Connection connection, List<Scored> batch) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        for (Scored scored : batch) {
            if (scored.shadow().isPresent()) {
                Decision shadow = scored.shadow().get().decision();
                rows.add(new Object[] {
                    scored.shadow().get().challengerId(),
                    scored.sequenceNumber(),
                    DecisionColumns.riskScore(shadow),
                    shadow.recommendation().name(),
                    ReasonCodes.encode(shadow.reasonCodes()),
                    DecisionColumns.riskScore(shadow.reviewThreshold())
                });
            }
        }
        if (!rows.isEmpty()) {
            bulk.insert(connection, "shadow_decisions", COLUMNS, rows);
        }
    }

    /**
     * Hands {@code each} the event time and risk score of every decision challenger {@code challengerId} stored on a
     * transaction at or after {@code from}, in stored order.
     */
    static void scoresSince(Connection connection, long challengerId, Instant from, BiConsumer<Instant, Double> each)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT t.event_time, s.risk_score"
                + " FROM shadow_decisions s JOIN transactions t ON t.sequence_number = s.sequence_number"
                + " WHERE s.challenger_id = ? AND t.event_time >= ? ORDER BY t.sequence_number")) {
            select.setFetchSize(10_000);
            select.setLong(1, challengerId);
            select.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    each.accept(rs.getTimestamp(1).toInstant(), rs.getDouble(2));
                }
            }
        }
    }
}
