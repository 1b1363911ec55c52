package io.txmon.ingest;

import io.txmon.features.FeatureExtractor;
import io.txmon.features.FeatureSettings;
import io.txmon.features.FeatureTracker;
import io.txmon.features.PeerProfile;
import io.txmon.storage.Database;
import io.txmon.storage.StoredHistory;
import io.txmon.transaction.Transaction;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Brings the saved account states up to the last stored transaction, when a run stopped after committing chunks
 * but before its checkpoint: the transactions stored since are replayed, in the order they were scored, into
 * the states, which is what scoring them did (the states never depend on the model or the decisions).
 */
final class StateRecovery {
    private static final int REPLAY_CHUNK = 10_000;

    private StateRecovery() {}

    /** Replays what the checkpoint lacks into {@code states} and checkpoints; returns how many were replayed. */
    static long recover(
            Database database, Connection connection, AccountStateCache states, FeatureSettings settings, Instant now)
            throws SQLException {
        long through = AccountStateCache.checkpointedThrough(connection);
        long last = DecisionLog.lastSequenceNumber(connection);
        if (last <= through) {
            return 0;
        }
        List<Transaction> missed = new StoredHistory(database).afterSequence(through);
        // Peers only shape a feature value, never a state, so the replay needs no model.
        FeatureTracker tracker = FeatureTracker.accountsOnly(new FeatureExtractor(settings, PeerProfile.EMPTY), states);
        double[] features = FeatureTracker.newVector();
        for (int from = 0; from < missed.size(); from += REPLAY_CHUNK) {
            List<Transaction> chunk = missed.subList(from, Math.min(missed.size(), from + REPLAY_CHUNK));
            states.load(connection, DecisionLog.accountsOf(chunk));
            for (Transaction tx : chunk) {
                tracker.observe(tx, features);
            }
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT t.user_id, d.risk_score FROM transactions t"
                + " JOIN decisions d ON d.sequence_number = t.sequence_number WHERE t.sequence_number > ?"
                + " ORDER BY t.sequence_number")) {
            select.setLong(1, through);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    BigDecimal risk = rs.getBigDecimal(2);
                    states.risk(rs.getString(1), risk);
                }
            }
        }
        states.checkpoint(connection, last, now);
        connection.commit();
        states.checkpointed();
        return missed.size();
    }
}
