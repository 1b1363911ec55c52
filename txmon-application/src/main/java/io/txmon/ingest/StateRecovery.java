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
import java.util.ArrayList;
import java.util.List;

/**
 * Brings the saved account and entity states up to the last stored transaction, when a run stopped after committing
 * chunks but before its checkpoint: the transactions stored since are replayed, in the order they were scored, into
 * the states, which is what scoring them did (the states never depend on the model or the decisions). Before each
 * one, the entity states learn the outcomes known before it ({@link OutcomeLearning}), as deciding it did.
 */
final class StateRecovery {
    private static final int REPLAY_CHUNK = 10_000;

    private StateRecovery() {}

    /**
     * Replays what the checkpoint lacks into {@code states} and {@code entities}, with the outcomes {@code outcomes}
     * says were known, and checkpoints; returns how many were replayed.
     */
    static long recover(
            Database database,
            Connection connection,
            AccountStateCache states,
            EntityStateCache entities,
            StoredOutcomes outcomes,
            FeatureSettings settings,
            Instant now)
            throws SQLException {
        long through = AccountStateCache.checkpointedThrough(connection);
        long last = DecisionLog.lastSequenceNumber(connection);
        if (last <= through) {
            return 0;
        }
        List<Transaction> missed = new StoredHistory(database).afterSequence(through);
        // Peers only shape a feature value, never a state, so the replay needs no model.
        FeatureTracker tracker =
                new FeatureTracker(new FeatureExtractor(settings, PeerProfile.EMPTY), states, entities);
        OutcomeLearning learning = outcomes.learning();
        double[] features = FeatureTracker.newVector();
        for (int from = 0; from < missed.size(); from += REPLAY_CHUNK) {
            List<Transaction> chunk = missed.subList(from, Math.min(missed.size(), from + REPLAY_CHUNK));
            states.load(connection, DecisionLog.accountsOf(chunk));
            Instant until = Instant.MIN;
            for (Transaction tx : chunk) {
                until = tx.timestamp().isAfter(until) ? tx.timestamp() : until;
            }
            List<Transaction> touched = new ArrayList<>(chunk);
            touched.addAll(learning.dueBefore(until));
            entities.load(connection, touched);
            for (Transaction tx : chunk) {
                learning.learnBefore(tx.timestamp(), tracker::learnOutcome);
                tracker.observe(tx, features);
                learning.decided(tx);
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
        entities.checkpoint(connection, now);
        outcomes.checkpoint(connection, now);
        connection.commit();
        states.checkpointed();
        entities.checkpointed();
        outcomes.checkpointed();
        return missed.size();
    }
}
